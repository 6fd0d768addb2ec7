/// What to tell a user whose open(2) of a port failed with EACCES, worked out from the node's
/// owner, group and mode and the groups the user's process carries.
public enum PermissionAdvice {
    public static func advice(for node: DeviceNodeAccess, user: UserIdentity) -> String {
        let ownerMayOpen = node.mode & 0o600 == 0o600
        let groupMayOpen = node.mode & 0o060 == 0o060
        let othersMayOpen = node.mode & 0o006 == 0o006
        let nodeText = "\(node.path) is \(node.symbolicMode) \(node.ownerName):\(node.groupName)"

        if user.uid == node.ownerUID {
            if ownerMayOpen { return deniedDespiteMode(nodeText, user: user) }
            return "\(nodeText); you (\(user.name)) own it but its mode lacks owner read+write: "
                + "run `chmod u+rw \(node.path)`."
        }
        // The kernel checks exactly one class: owner, else group (if a member), else others.
        if user.groups.contains(node.groupGID) {
            if groupMayOpen { return deniedDespiteMode(nodeText, user: user) }
        } else if othersMayOpen {
            return deniedDespiteMode(nodeText, user: user)
        } else if groupMayOpen {
            if node.groupMembers.contains(user.name) {
                return "\(nodeText); you (\(user.name)) are listed in group \(node.groupName), but this login "
                    + "session started before you were added: log out and in again (or run `newgrp \(node.groupName)`)."
            }
            return "\(nodeText); you (\(user.name)) are not in group \(node.groupName): "
                + "sudo usermod -aG \(node.groupName) $USER, then log in again."
        }
        return "\(nodeText): only \(node.ownerName) may open it; group \(node.groupName) has no read+write, "
            + "so joining that group would not help you (\(user.name)). "
            + "Run ampscope as \(node.ownerName) (e.g. with sudo), or give a serial group access with a udev rule, "
            + "e.g. in /etc/udev/rules.d/99-serial.rules: "
            + "SUBSYSTEM==\"tty\", KERNEL==\"ttyUSB*|ttyACM*\", GROUP=\"dialout\", MODE=\"0660\", "
            + "then `sudo udevadm control --reload && sudo udevadm trigger` and add yourself to dialout."
    }

    private static func deniedDespiteMode(_ nodeText: String, user: UserIdentity) -> String {
        "\(nodeText), which should let you (\(user.name)) open it, so something else denies access: "
            + "an ACL (check `getfacl`), a security module (AppArmor/SELinux: `sudo dmesg | grep -i denied`) "
            + "or a container's device rules."
    }
}
