import Foundation
import GRDB

/// A write that failed because of where the data is kept, not because of what was asked: the
/// disk is full, or the database or the attachments' folder cannot be written. Such a write is
/// worth trying again later; reads go on.
package struct StorageFault: Sendable, CustomStringConvertible {
    package let description: String

    /// The storage fault `error` is, if it is one.
    package init?(_ error: any Error) {
        if let error = error as? DatabaseError {
            switch error.resultCode {
            case .SQLITE_FULL: description = "the disk holding the database is full"
            case .SQLITE_READONLY: description = "the database is read-only"
            case .SQLITE_IOERR: description = "the database could not be written (an I/O error)"
            case .SQLITE_CANTOPEN: description = "the database's files cannot be opened"
            default: return nil
            }
            return
        }
        let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? POSIXError ?? error as? POSIXError
        switch underlying?.code {
        case .ENOSPC?, .EDQUOT?: description = "the disk holding the attachments is full"
        case .EROFS?: description = "the attachments' folder is on a read-only file system"
        case .EACCES?, .EPERM?: description = "the attachments' folder cannot be written"
        case .EIO?: description = "the attachments could not be written (an I/O error)"
        default: return nil
        }
    }
}
