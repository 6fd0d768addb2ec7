/// The probe's facts are log text like any other: the command line can carry `ip=` and NFS
/// server addresses, dmesg host names and MACs, the U-Boot environment `ethaddr`/`serverip`.
extension BoardFacts {
    /// Every text the redactor should learn host names and serials from first.
    func forEachText(_ body: (String) -> Void) {
        commandLine.map(body)
        model.map(body)
        dmesg?.forEach(body)
        dmesgMerge?.missedSamples.forEach(body)
        ubootEnvironment?.values.forEach(body)
    }

    mutating func redact(with redactor: inout Redactor) {
        func r(_ text: String) -> String { redactor.redact(text) }
        kernelRelease = kernelRelease.map(r)
        commandLine = commandLine.map(r)
        model = model.map(r)
        dmesg = dmesg?.map(r)
        if var merge = dmesgMerge {
            merge.missedSamples = merge.missedSamples.map(r)
            dmesgMerge = merge
        }
        clocks = clocks?.map(r)
        rpmsgTTYs = rpmsgTTYs?.map(r)
        rpmsgDevices = rpmsgDevices?.map(r)
        ubootEnvironment = ubootEnvironment?.mapValues(r)
        if let list = remoteprocs {
            remoteprocs = list.map { RemoteprocFact(instance: $0.instance, name: $0.name.map(r), state: $0.state, firmware: $0.firmware.map(r)) }
        }
        problems = problems.map(r)
        for index in commands.indices { commands[index].note = commands[index].note.map(r) }
    }
}
