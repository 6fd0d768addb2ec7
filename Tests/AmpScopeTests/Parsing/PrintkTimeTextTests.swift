import Testing
@testable import AmpScope

/// The string side of the one kernel-stamp reader: what the prompt recogniser and the report's
/// event list ask of it, including the shapes the two readers they replaced accepted.
@Suite struct PrintkTimeTextTests {
    @Test func aStampAtTheFirstBracketIsFoundWhereverItIs() {
        #expect(PrintkTime.opensFirstBracket("[    2.058000] Booting"))
        #expect(PrintkTime.opensFirstBracket("[ 36.046358] rpmsg host is online"))
        #expect(PrintkTime.opensFirstBracket("root@board:~# [12345.000001] late line"))
        #expect(PrintkTime.opensFirstBracket("[1234567890123.000000] more seconds than twelve digits"))
    }

    @Test func otherBracketsAreNotAStamp() {
        #expect(!PrintkTime.opensFirstBracket("no bracket at all"))
        #expect(!PrintkTime.opensFirstBracket("[ ok ] started"))
        #expect(!PrintkTime.opensFirstBracket("[ 1.00000] five digits"))
        #expect(!PrintkTime.opensFirstBracket("[ 1.0000000] seven digits"))
        #expect(!PrintkTime.opensFirstBracket("[ 1.000000 ] a space before the bracket"))
        #expect(!PrintkTime.opensFirstBracket("[.000000] no seconds"))
        // Only the first bracket counts: a stamp after another bracket is the shell's, not the kernel's line start.
        #expect(!PrintkTime.opensFirstBracket("[x] [ 1.000000] later"))
    }

    @Test func aLeadingStampAndItsSpacesAreRemoved() {
        #expect(PrintkTime.withoutLeadingStamp("[    2.058000] Booting Linux") == "Booting Linux")
        #expect(PrintkTime.withoutLeadingStamp("[ 36.046358]   three spaces") == "three spaces")
        #expect(PrintkTime.withoutLeadingStamp("[1.000000]") == "")
        #expect(PrintkTime.withoutLeadingStamp("[1.000000]ünïcode after") == "ünïcode after")
        // A stamp of another precision in the kernel's shape is the list's noise too.
        #expect(PrintkTime.withoutLeadingStamp("[    0.110] probe 10") == "probe 10")
        #expect(PrintkTime.withoutLeadingStamp("[12.1234567] seven digits") == "seven digits")
    }

    @Test func textWithoutALeadingStampIsKept() {
        #expect(PrintkTime.withoutLeadingStamp("[ ok ] started") == "[ ok ] started")
        #expect(PrintkTime.withoutLeadingStamp("boot [ 1.000000] later") == "boot [ 1.000000] later")
        #expect(PrintkTime.withoutLeadingStamp(" [ 1.000000] indented") == " [ 1.000000] indented")
        #expect(PrintkTime.withoutLeadingStamp("") == "")
        #expect(PrintkTime.withoutLeadingStamp("[12.] no fraction") == "[12.] no fraction")
    }
}
