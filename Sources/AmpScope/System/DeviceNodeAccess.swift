#if canImport(Glibc)
import Glibc
#endif

/// Who owns a device node and who may open it, as stat(2) and the group database report it.
public struct DeviceNodeAccess: Sendable, Equatable {
    public var path: String
    /// st_mode: file type and permission bits.
    public var mode: UInt32
    public var ownerUID: UInt32
    public var ownerName: String
    public var groupGID: UInt32
    public var groupName: String
    /// Members listed for the group in the group database (/etc/group), by user name.
    public var groupMembers: [String]

    public init(
        path: String, mode: UInt32, ownerUID: UInt32, ownerName: String,
        groupGID: UInt32, groupName: String, groupMembers: [String]
    ) {
        self.path = path
        self.mode = mode
        self.ownerUID = ownerUID
        self.ownerName = ownerName
        self.groupGID = groupGID
        self.groupName = groupName
        self.groupMembers = groupMembers
    }

    /// stat(2) of the node plus its owner's and group's names; nil if the node cannot be stat'ed.
    public static func read(path: String) -> DeviceNodeAccess? {
        try? lookUp(path: path).get()
    }

    /// The same, or the errno stat(2) failed with.
    static func lookUp(path: String) -> Result<DeviceNodeAccess, SystemCallFailure> {
        var info = stat()
        guard stat(path, &info) == 0 else { return .failure(.last()) }
        let group = AccountDatabase.groupEntry(info.st_gid)
        return .success(DeviceNodeAccess(
            path: path, mode: info.st_mode, ownerUID: info.st_uid,
            ownerName: AccountDatabase.userName(info.st_uid) ?? String(info.st_uid),
            groupGID: info.st_gid, groupName: group?.name ?? String(info.st_gid),
            groupMembers: group?.members ?? []))
    }

    /// "crw-rw----", as `ls -l` shows it.
    public var symbolicMode: String {
        let kind: Character
        switch mode & UInt32(S_IFMT) {
        case UInt32(S_IFCHR): kind = "c"
        case UInt32(S_IFBLK): kind = "b"
        case UInt32(S_IFDIR): kind = "d"
        case UInt32(S_IFLNK): kind = "l"
        case UInt32(S_IFIFO): kind = "p"
        case UInt32(S_IFSOCK): kind = "s"
        default: kind = "-"
        }
        var text = String(kind)
        for shift in stride(from: 6, through: 0, by: -3) {
            let bits = (mode >> UInt32(shift)) & 0o7
            text += (bits & 4 != 0 ? "r" : "-") + (bits & 2 != 0 ? "w" : "-") + (bits & 1 != 0 ? "x" : "-")
        }
        return text
    }
}

/// The user a process runs as: effective uid, name, and every group it carries right now.
public struct UserIdentity: Sendable, Equatable {
    public var uid: UInt32
    public var name: String
    /// Effective gid plus supplementary groups (getgroups); a group joined after login is missing.
    public var groups: [UInt32]

    public init(uid: UInt32, name: String, groups: [UInt32]) {
        self.uid = uid
        self.name = name
        self.groups = groups
    }

    public static func current() -> UserIdentity {
        let uid = geteuid()
        var groups = [gid_t](repeating: 0, count: Int(getgroups(0, nil)) + 1)
        let count = Int(getgroups(Int32(groups.count), &groups))
        groups = Array(groups.prefix(max(count, 0)))
        let effective = getegid()
        if !groups.contains(effective) { groups.insert(effective, at: 0) }
        return UserIdentity(uid: uid, name: AccountDatabase.userName(uid) ?? String(uid), groups: groups)
    }
}

/// Reentrant passwd/group look-ups (getpwuid_r, getgrgid_r).
enum AccountDatabase {
    static func userName(_ uid: uid_t) -> String? {
        var entry = passwd()
        var result: UnsafeMutablePointer<passwd>?
        var buffer = [CChar](repeating: 0, count: 16_384)
        guard getpwuid_r(uid, &entry, &buffer, buffer.count, &result) == 0, result != nil else { return nil }
        return String(cString: entry.pw_name)
    }

    static func groupEntry(_ gid: gid_t) -> (name: String, members: [String])? {
        var entry = Glibc.group()
        var result: UnsafeMutablePointer<Glibc.group>?
        var buffer = [CChar](repeating: 0, count: 65_536)
        guard getgrgid_r(gid, &entry, &buffer, buffer.count, &result) == 0, result != nil else { return nil }
        var members: [String] = []
        if var cursor = entry.gr_mem {
            while let member = cursor.pointee {
                members.append(String(cString: member))
                cursor += 1
            }
        }
        return (String(cString: entry.gr_name), members)
    }
}
