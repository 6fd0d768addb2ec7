import Foundation
@testable import AmpScopeTestSupport

/// Counts the pixels of given colours in a PNG screenshot. The PNG is decoded by python3's zlib
/// (Foundation has no PNG decoder on Linux), in a reader small enough to check by eye.
enum ScreenshotPixels {
    static let reader = #"""
        import json, struct, sys, zlib
        data = open(sys.argv[1], "rb").read()
        assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
        pos, idat = 8, b""
        while pos < len(data):
            length, kind = struct.unpack(">I4s", data[pos:pos + 8])
            body = data[pos + 8:pos + 8 + length]
            if kind == b"IHDR":
                width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", body)
            elif kind == b"IDAT":
                idat += body
            pos += 12 + length
        assert depth == 8 and colour in (2, 6) and interlace == 0, (depth, colour, interlace)
        channels = 3 if colour == 2 else 4
        raw, stride = zlib.decompress(idat), width * channels
        wanted = {name: tuple(int(hex[i:i + 2], 16) for i in (0, 2, 4)) for name, hex in json.loads(sys.argv[2]).items()}
        counts = {name: 0 for name in wanted}
        previous = bytearray(stride)
        for row in range(height):
            start = row * (stride + 1)
            kind, line = raw[start], bytearray(raw[start + 1:start + 1 + stride])
            for i in range(stride):
                left = line[i - channels] if i >= channels else 0
                up, corner = previous[i], previous[i - channels] if i >= channels else 0
                if kind == 1: line[i] = (line[i] + left) & 255
                elif kind == 2: line[i] = (line[i] + up) & 255
                elif kind == 3: line[i] = (line[i] + (left + up) // 2) & 255
                elif kind == 4:
                    p = left + up - corner
                    pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                    line[i] = (line[i] + (left if pa <= pb and pa <= pc else up if pb <= pc else corner)) & 255
            for x in range(0, stride, channels):
                pixel = (line[x], line[x + 1], line[x + 2])
                for name, colour in wanted.items():
                    if all(abs(a - b) <= 2 for a, b in zip(pixel, colour)):
                        counts[name] += 1
            previous = line
        print(json.dumps({"width": width, "height": height, "counts": counts}))
        """#

    /// Pixels per colour name (colours as "rrggbb"), and the image's size.
    static func count(_ png: String, colours: [String: String]) throws -> (width: Int, height: Int, counts: [String: Int]) {
        let python = "/usr/bin/python3"
        guard FileManager.default.isExecutableFile(atPath: python) else {
            throw TestFailure("python3 is missing: the packages step of .ci/run installs it")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        let wanted = String(decoding: try JSONSerialization.data(withJSONObject: colours), as: UTF8.self)
        process.arguments = ["-c", reader, png, wanted]
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let problem = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0,
              let result = try JSONSerialization.jsonObject(with: data) as? [String: Any],
              let width = result["width"] as? Int, let height = result["height"] as? Int,
              let counts = result["counts"] as? [String: Int]
        else { throw TestFailure("could not read \(png): \(problem)") }
        return (width, height, counts)
    }
}
