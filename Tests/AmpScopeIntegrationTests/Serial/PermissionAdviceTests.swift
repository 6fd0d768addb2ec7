import Foundation
import Glibc
import Testing

@testable import AmpScope
@testable import AmpScopeTestSupport

/// EACCES cannot happen to root, so the unprivileged side runs as `nobody` through setpriv
/// (util-linux); the advice itself is checked against real stat data of a PTY node.
@Suite struct PermissionAdviceTests {
    private static let nobody = UserIdentity(uid: 65534, name: "nobody", groups: [65534])

    @Test func ownerOnlyNodeTellsNobodyThatAGroupWouldNotHelp() throws {
        let terminal = try SerialTestPTY()
        let path = terminal.slavePath
        try UnprivilegedOpen.setOwnership(path, group: 0, mode: 0o600)

        let attempt = try UnprivilegedOpen.asNobody(path)
        #expect(attempt.status != 0)
        #expect(attempt.stderr.contains("Permission denied"))

        let node = try #require(DeviceNodeAccess.read(path: path))
        #expect(node.ownerName == "root")
        #expect(node.groupName == "root")
        #expect(node.mode & 0o7777 == 0o600)
        #expect(node.symbolicMode == "crw-------")
        let advice = PermissionAdvice.advice(for: node, user: Self.nobody)
        #expect(
            advice
                == "\(path) is crw------- root:root: only root may open it; group root has no read+write, "
                + "so joining that group would not help you (nobody). Run ampscope as root (e.g. with sudo), "
                + "or give a serial group access with a udev rule, e.g. in /etc/udev/rules.d/99-serial.rules: "
                + "SUBSYSTEM==\"tty\", KERNEL==\"ttyUSB*|ttyACM*\", GROUP=\"dialout\", MODE=\"0660\", "
                + "then `sudo udevadm control --reload && sudo udevadm trigger` and add yourself to dialout.")
    }

    @Test func groupNodeTellsNobodyToJoinTheGroupAndJoiningWorks() throws {
        let terminal = try SerialTestPTY()
        let path = terminal.slavePath
        let dialout = try #require(getgrnam("dialout")?.pointee.gr_gid, "no dialout group on this machine")
        try UnprivilegedOpen.setOwnership(path, group: dialout, mode: 0o660)

        let node = try #require(DeviceNodeAccess.read(path: path))
        #expect(node.symbolicMode == "crw-rw----")
        #expect(node.groupName == "dialout")
        #expect(!node.groupMembers.contains("nobody"))
        #expect(
            PermissionAdvice.advice(for: node, user: Self.nobody)
                == "\(path) is crw-rw---- root:dialout; you (nobody) are not in group dialout: "
                + "sudo usermod -aG dialout $USER, then log in again.")

        // The advice is right: nobody without the group is refused, with it gets in.
        let refused = try UnprivilegedOpen.asNobody(path)
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("Permission denied"))
        let admitted = try UnprivilegedOpen.asNobody(path, extraGroup: dialout)
        #expect(admitted.status == 0, "stderr: \(admitted.stderr)")
    }

    @Test func aMemberListedButNotInThisSessionIsToldToLogInAgain() throws {
        let terminal = try SerialTestPTY()
        let dialout = try #require(getgrnam("dialout")?.pointee.gr_gid)
        try UnprivilegedOpen.setOwnership(terminal.slavePath, group: dialout, mode: 0o660)
        var node = try #require(DeviceNodeAccess.read(path: terminal.slavePath))
        node.groupMembers.append("nobody")  // as if `usermod -aG dialout nobody` ran after login
        #expect(
            PermissionAdvice.advice(for: node, user: Self.nobody)
                == "\(terminal.slavePath) is crw-rw---- root:dialout; you (nobody) are listed in group dialout, "
                + "but this login session started before you were added: log out and in again "
                + "(or run `newgrp dialout`).")
    }

    @Test func whenTheModeAllowsItTheAdvicePointsElsewhere() throws {
        let terminal = try SerialTestPTY()
        try UnprivilegedOpen.setOwnership(terminal.slavePath, group: 0, mode: 0o666)
        let node = try #require(DeviceNodeAccess.read(path: terminal.slavePath))
        let advice = PermissionAdvice.advice(for: node, user: Self.nobody)
        #expect(advice.hasPrefix("\(terminal.slavePath) is crw-rw-rw- root:root, which should let you (nobody) open it"))
        #expect(advice.contains("getfacl"))
    }

    @Test func aGroupMemberIsJudgedByTheGroupBitsNotTheOthers() throws {
        let terminal = try SerialTestPTY()
        try UnprivilegedOpen.setOwnership(terminal.slavePath, group: 65534, mode: 0o606)
        let node = try #require(DeviceNodeAccess.read(path: terminal.slavePath))
        #expect(
            PermissionAdvice.advice(for: node, user: Self.nobody).hasPrefix(
                "\(terminal.slavePath) is crw----rw- root:nogroup: only root may open it; group nogroup has no read+write"))
        // The kernel agrees: others may open it, but nobody's group nogroup may not.
        let attempt = try UnprivilegedOpen.asNobody(terminal.slavePath)
        #expect(attempt.stderr.contains("Permission denied"))
    }

    @Test func anOwnerWithoutReadWriteIsToldToChmod() throws {
        let terminal = try SerialTestPTY()
        try UnprivilegedOpen.setOwnership(terminal.slavePath, group: 0, mode: 0o060)
        let node = try #require(DeviceNodeAccess.read(path: terminal.slavePath))
        let root = UserIdentity(uid: 0, name: "root", groups: [])
        #expect(
            PermissionAdvice.advice(for: node, user: root)
                == "\(terminal.slavePath) is c---rw---- root:root; you (root) own it but its mode lacks owner "
                + "read+write: run `chmod u+rw \(terminal.slavePath)`.")
    }

    @Test func eaccesIsClassifiedAsPermissionDeniedWithAdviceForThisUser() throws {
        let terminal = try SerialTestPTY()
        try UnprivilegedOpen.setOwnership(terminal.slavePath, group: 0, mode: 0o600)
        // The node as coreutils' stat(1) sees it, not as the code under test reads it.
        let stat = try ToolProcess.runCommandOutput(["/usr/bin/stat", "-c", "%A %U:%G", terminal.slavePath])
        #expect(stat == "crw------- root:root")
        let error = PortOpening.classify(openErrno: EACCES, path: terminal.slavePath)
        guard case .permissionDenied(let path, let advice) = error else {
            Issue.record("EACCES classified as \(error)")
            return
        }
        #expect(path == terminal.slavePath)
        #expect(advice.hasPrefix("\(terminal.slavePath) is \(stat)"), "\(advice)")
        #expect(error.description.hasPrefix("Permission denied opening \(terminal.slavePath). \(terminal.slavePath) is \(stat)"), "\(error)")
    }

    @Test func currentUserCarriesItsEffectiveGroup() {
        let user = UserIdentity.current()
        #expect(user.uid == geteuid())
        #expect(user.groups.contains(getegid()))
        #expect(user.name == String(cString: getpwuid(geteuid()).pointee.pw_name))
    }
}
