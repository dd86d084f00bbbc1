import HTTPTypes
import NIOCore
import NIOHTTPTypes

/// Gives each request a deadline to arrive whole, from its head to the end of its body: a client
/// that sends its body a byte at a time (which the idle timeout never stops, as the connection is
/// never idle) gets a 408 problem past it and the connection is closed.
final class RequestDeadlineHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private let timeout: TimeAmount
    private var deadline: Scheduled<Void>?
    /// Whether the answer to the request being read has started: then a 408 cannot be sent.
    private var responding = false
    /// Past the deadline, nothing more is read or written but the 408.
    private var expired = false

    init(timeout: TimeAmount) {
        self.timeout = timeout
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !expired else { return }
        switch unwrapInboundIn(data) {
        case .head:
            responding = false
            let loopBound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
            deadline = context.eventLoop.scheduleTask(in: timeout) { loopBound.value.0.expire(loopBound.value.1) }
        case .end:
            deadline?.cancel()
            deadline = nil
        case .body:
            break
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        guard !expired else {
            promise?.fail(ChannelError.ioOnClosedChannel)
            return
        }
        if case .head = unwrapOutboundIn(data) { responding = true }
        context.write(data, promise: promise)
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        deadline?.cancel()
    }

    func channelInactive(context: ChannelHandlerContext) {
        deadline?.cancel()
        context.fireChannelInactive()
    }

    /// Answers 408 (unless the answer has started) and closes the connection.
    private func expire(_ context: ChannelHandlerContext) {
        deadline = nil
        let seconds = timeout.nanoseconds / 1_000_000_000
        if !responding {
            let body =
                #"{"type":"urn:casebook:problem:\#(Problem.Kind.requestTimeout.rawValue)","title":"Request timeout","status":408,"detail":"the request did not arrive whole within \#(seconds) seconds (--request-timeout); send it faster"}"#
            var buffer = context.channel.allocator.buffer(capacity: body.utf8.count)
            buffer.writeString(body)
            let head = HTTPResponse(
                status: .requestTimeout,
                headerFields: [.contentType: "application/problem+json", .contentLength: "\(buffer.readableBytes)", .connection: "close"])
            context.write(wrapOutboundOut(.head(head)), promise: nil)
            context.write(wrapOutboundOut(.body(buffer)), promise: nil)
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        }
        expired = true
        context.close(promise: nil)
    }
}
