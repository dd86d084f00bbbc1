import CasebookCore
import Testing

@Suite struct HexTests {
    @Test func writesTwoLowercaseDigitsPerByteWithLeadingZeros() {
        #expect(Hex.lowercase([0x00, 0x0f, 0xa0, 0xff]) == "000fa0ff")
        #expect(Hex.lowercase([]) == "")
    }

    @Test func fnv1aHashesAreSixteenDigitsOfTheKnownValues() {
        // Published FNV-1a 64-bit values (leading zeros are covered by the test above).
        #expect(FNV1a.hex("") == "cbf29ce484222325")
        #expect(FNV1a.hex("a") == "af63dc4c8601ec8c")
        #expect(FNV1a.hex("foobar") == "85944171f73967e8")
    }
}
