extension ProbeRequest {
    /// A request from the command line's words: the user from `--login`, else the board
    /// profile's `login`; the password only from AMPSCOPE_PASSWORD.
    public static func make(
        console: String, login: String?, profileLogin: String?, environment: [String: String], promptTimeout: Double,
        wakeWithEnter: Bool, ubootProbe: Bool, stopWhenDone: Bool
    ) throws(CaptureError) -> ProbeRequest {
        guard promptTimeout > 0 else { throw .invalidArgument("the probe's prompt time-out must be a positive number of seconds") }
        let user = login ?? profileLogin
        if let user, user.isEmpty || user.contains(where: { $0.isWhitespace || $0.isNewline }) {
            throw .invalidArgument("--login '\(user)': a Linux user name has no spaces")
        }
        let password = environment[passwordVariable]
        let credentials = user.map { ProbeCredentials(user: $0, password: password) }
        return ProbeRequest(
            console: console,
            options: ProbeOptions(credentials: credentials, promptTimeout: promptTimeout, wakeWithEnter: wakeWithEnter, ubootProbe: ubootProbe),
            stopWhenDone: stopWhenDone)
    }
}
