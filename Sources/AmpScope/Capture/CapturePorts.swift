/// Finding and opening the consoles' ports at the start of a capture: all or none.
extension CaptureEngine {
    /// Every console's selector resolved against one listing of the adapters; two consoles
    /// naming one adapter is an error.
    func resolvePorts() throws(CaptureError) -> [PortBinding] {
        let adapters: [SerialAdapter]
        do {
            adapters = try PortBinding.adapters(for: options.consoles.map(\.port))
        } catch {
            throw .device(console: options.consoles.first?.name ?? "?", error)
        }
        var bindings: [PortBinding] = []
        for request in options.consoles {
            let binding: PortBinding
            do {
                binding = try PortBinding.resolve(request.port, among: adapters)
            } catch {
                throw .device(console: request.name, error)
            }
            if let other = zip(options.consoles, bindings).first(where: { $0.1.node == binding.node }) {
                throw .invalidArgument(
                    "consoles \(other.0.name) (\(other.0.port)) and \(request.name) (\(request.port)) both name \(binding.node)")
            }
            bindings.append(binding)
        }
        return bindings
    }

    func openPorts(_ bindings: [PortBinding]) throws(CaptureError) -> [any CapturedPort] {
        var ports: [any CapturedPort] = []
        for (request, binding) in zip(options.consoles, bindings) {
            do throws(CaptureError) {
                if let endpoint = binding.remote {
                    do {
                        ports.append(try RemotePort.connect(endpoint, settings: request.settings))
                    } catch {
                        throw .remote(console: request.name, error)
                    }
                } else {
                    do {
                        ports.append(try SerialPort.open(path: binding.node, settings: request.settings))
                    } catch {
                        throw .port(console: request.name, error)
                    }
                }
            } catch {
                ports.forEach { $0.close() }
                throw error
            }
        }
        return ports
    }
}
