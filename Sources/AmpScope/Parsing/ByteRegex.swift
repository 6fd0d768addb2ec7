/// A regex from the subset `ByteRegexParser` accepts, compiled to a small backtracking program
/// that runs on raw bytes with the same leftmost, priority-ordered semantics as ICU (so the same
/// match and the same captures as NSRegularExpression on ASCII subjects). It allocates nothing
/// per match; when a match would need more backtracking state or steps than it allows, it says
/// so (`.gaveUp`) and the caller asks NSRegularExpression instead. Immutable, and a class so that
/// the classifier hands it to a match without retaining each of its tables.
final class ByteRegex: Sendable {
    enum Outcome: Equatable {
        case matched
        case noMatch
        case gaveUp
    }

    enum Instruction: Equatable, Sendable {
        /// One byte from set `set` (an index into `table`).
        case byte(set: Int)
        /// `count` exact bytes, `literals[start..<start + count]`: a run of one-byte sets
        /// (`Reached target `) tested at once instead of a dispatch and a table look per byte.
        case literal(start: Int, count: Int)
        /// `minimum...maximum` bytes from `set`, greedy or lazy, without a frame per byte.
        case repeatByte(set: Int, minimum: Int, maximum: Int, greedy: Bool)
        /// Continue at `preferred`; on failure, at `other`.
        case split(preferred: Int, other: Int)
        case jump(Int)
        case save(slot: Int)
        case assertStart
        case assertEnd
        case match
    }

    let instructions: [Instruction]
    /// 256 entries per byte set: `table[set << 8 | byte]`.
    let table: [Bool]
    /// The bytes `.literal` instructions compare.
    let literals: [UInt8]
    /// Capture slots: start and end of the whole match (0, 1) and of each group.
    let slotCount: Int
    let groupCount: Int
    private let firstByte: [Bool]
    private let mayStartAnywhere: Bool
    private let anchoredAtStart: Bool

    static let frameCapacity = 256
    /// Frames a first attempt gets: 1 KiB, which `withUnsafeTemporaryAllocation` takes from the
    /// stack without asking how much stack is left (the larger block was a heap allocation, or a
    /// stack check, for every match). Deeper backtracking retries with `frameCapacity`.
    static let shallowFrameCapacity = 1024 / MemoryLayout<Frame>.stride
    static let stepLimit = 100_000

    init?(_ pattern: String) {
        guard let (node, groupCount) = ByteRegexParser.parse(pattern) else { return nil }
        var compiler = ByteRegexCompiler()
        compiler.emit(.save(slot: 0))
        compiler.compile(node)
        compiler.emit(.save(slot: 1))
        compiler.emit(.match)
        instructions = compiler.instructions
        literals = compiler.literals
        table = compiler.sets.flatMap { set in (0...255).map { set.contains(UInt8($0)) } }
        self.groupCount = groupCount
        slotCount = 2 * (groupCount + 1)
        let first = node.firstBytes
        firstByte = (0...255).map { first.set.contains(UInt8($0)) }
        mayStartAnywhere = first.open
        anchoredAtStart = node.isAnchoredAtStart
    }

    fileprivate struct Frame {
        enum Kind { case thread, restore, retryGreedy, retryLazy }
        var kind: Kind
        /// thread: where to continue; restore: the slot; retries: the repeat instruction.
        var index: Int
        /// thread and retries: the subject position; restore: the slot's old value.
        var position: Int
        /// retryGreedy: the lowest position to give back to; retryLazy: the highest to take.
        var bound: Int
    }

    /// The leftmost match in `subject`; on `.matched`, `slots` (at least `slotCount` long)
    /// holds byte offsets, -1 for a group that did not take part.
    func firstMatch(in subject: UnsafeRawBufferPointer, slots: UnsafeMutableBufferPointer<Int>) -> Outcome {
        let shallow = firstMatch(in: subject, slots: slots, frameCapacity: Self.shallowFrameCapacity)
        guard shallow == .gaveUp else { return shallow }
        return firstMatch(in: subject, slots: slots, frameCapacity: Self.frameCapacity)
    }

    private func firstMatch(in subject: UnsafeRawBufferPointer, slots: UnsafeMutableBufferPointer<Int>, frameCapacity: Int) -> Outcome {
        withUnsafeTemporaryAllocation(of: Frame.self, capacity: frameCapacity) { frames in
            instructions.withUnsafeBufferPointer { program in
                table.withUnsafeBufferPointer { table in
                    literals.withUnsafeBufferPointer { literals in
                        run(subject, slots: slots, frames: frames, program: program, table: table, literals: literals)
                    }
                }
            }
        }
    }

    private func run(
        _ subject: UnsafeRawBufferPointer, slots: UnsafeMutableBufferPointer<Int>, frames: UnsafeMutableBufferPointer<Frame>,
        program: UnsafeBufferPointer<Instruction>, table: UnsafeBufferPointer<Bool>, literals: UnsafeBufferPointer<UInt8>
    ) -> Outcome {
        let count = subject.count
        var steps = 0
        var start = 0
        while start <= count {
            if anchoredAtStart && start > 0 { return .noMatch }
            if !mayStartAnywhere {
                while start < count && !firstByte[Int(subject[start])] { start += 1 }
                if start == count { return .noMatch }
            }
            for slot in 0..<slotCount { slots[slot] = -1 }
            var depth = 0
            var pc = 0
            var position = start
            matching: while true {
                steps += 1
                if steps > Self.stepLimit { return .gaveUp }
                var failed = false
                switch program[pc] {
                case .byte(let set):
                    if position < count && table[set << 8 | Int(subject[position])] {
                        position += 1
                        pc += 1
                    } else {
                        failed = true
                    }
                case .literal(let literalStart, let length):
                    if position + length <= count, ByteSearch.equal(subject.baseAddress! + position, literals.baseAddress! + literalStart, count: length) {
                        position += length
                        pc += 1
                    } else {
                        failed = true
                    }
                case .repeatByte(let set, let minimum, let maximum, let greedy):
                    let limit = min(count, maximum == Int.max ? count : position + maximum)
                    if greedy {
                        var end = position
                        while end < limit && table[set << 8 | Int(subject[end])] { end += 1 }
                        if end - position < minimum {
                            failed = true
                        } else {
                            if end - position > minimum {
                                guard depth < frames.count else { return .gaveUp }
                                frames[depth] = Frame(kind: .retryGreedy, index: pc, position: end, bound: position + minimum)
                                depth += 1
                            }
                            position = end
                            pc += 1
                        }
                    } else {
                        var end = position
                        while end < position + minimum && end < count && table[set << 8 | Int(subject[end])] { end += 1 }
                        if end - position < minimum {
                            failed = true
                        } else {
                            if end < limit {
                                guard depth < frames.count else { return .gaveUp }
                                frames[depth] = Frame(kind: .retryLazy, index: pc, position: end, bound: limit)
                                depth += 1
                            }
                            position = end
                            pc += 1
                        }
                    }
                case .split(let preferred, let other):
                    guard depth < frames.count else { return .gaveUp }
                    frames[depth] = Frame(kind: .thread, index: other, position: position, bound: 0)
                    depth += 1
                    pc = preferred
                case .jump(let target):
                    pc = target
                case .save(let slot):
                    guard depth < frames.count else { return .gaveUp }
                    frames[depth] = Frame(kind: .restore, index: slot, position: slots[slot], bound: 0)
                    depth += 1
                    slots[slot] = position
                    pc += 1
                case .assertStart:
                    if position == 0 { pc += 1 } else { failed = true }
                case .assertEnd:
                    if position == count { pc += 1 } else { failed = true }
                case .match:
                    return .matched
                }
                guard failed else { continue }
                // Backtrack to the most recent choice, undoing captures on the way.
                while true {
                    guard depth > 0 else { break matching }
                    depth -= 1
                    let frame = frames[depth]
                    switch frame.kind {
                    case .restore:
                        slots[frame.index] = frame.position
                        continue
                    case .thread:
                        pc = frame.index
                        position = frame.position
                    case .retryGreedy:
                        position = frame.position - 1
                        if position > frame.bound {
                            frames[depth] = Frame(kind: .retryGreedy, index: frame.index, position: position, bound: frame.bound)
                            depth += 1
                        }
                        pc = frame.index + 1
                    case .retryLazy:
                        guard case .repeatByte(let set, _, _, _) = program[frame.index],
                              table[set << 8 | Int(subject[frame.position])] else { continue }
                        position = frame.position + 1
                        if position < frame.bound {
                            frames[depth] = Frame(kind: .retryLazy, index: frame.index, position: position, bound: frame.bound)
                            depth += 1
                        }
                        pc = frame.index + 1
                    }
                    break
                }
            }
            start += 1
        }
        return .noMatch
    }
}

/// Turns `ByteRegexNode`s into `ByteRegex.Instruction`s.
struct ByteRegexCompiler {
    private(set) var instructions: [ByteRegex.Instruction] = []
    private(set) var sets: [ByteSet] = []
    private(set) var literals: [UInt8] = []

    mutating func emit(_ instruction: ByteRegex.Instruction) { instructions.append(instruction) }

    private mutating func setIndex(_ set: ByteSet) -> Int {
        if let index = sets.firstIndex(of: set) { return index }
        sets.append(set)
        return sets.count - 1
    }

    /// A run of exact bytes: one `.literal` (a single byte stays a `.byte`).
    private mutating func emitLiteral(_ run: inout [UInt8]) {
        defer { run.removeAll() }
        if run.count == 1 { emit(.byte(set: setIndex(ByteSet(run[0])))) }
        guard run.count > 1 else { return }
        emit(.literal(start: literals.count, count: run.count))
        literals += run
    }

    mutating func compile(_ node: ByteRegexNode) {
        switch node {
        case .byte(let set):
            emit(.byte(set: setIndex(set)))
        case .sequence(let items):
            var run: [UInt8] = []
            for item in items {
                if case .byte(let set) = item, let byte = set.onlyByte {
                    run.append(byte)
                    continue
                }
                emitLiteral(&run)
                compile(item)
            }
            emitLiteral(&run)
        case .alternation(let branches):
            var jumpsToEnd: [Int] = []
            for (number, branch) in branches.enumerated() {
                let isLast = number == branches.count - 1
                let split = instructions.count
                if !isLast { emit(.split(preferred: split + 1, other: -1)) }
                compile(branch)
                if !isLast {
                    jumpsToEnd.append(instructions.count)
                    emit(.jump(-1))
                    instructions[split] = .split(preferred: split + 1, other: instructions.count)
                }
            }
            for jump in jumpsToEnd { instructions[jump] = .jump(instructions.count) }
        case .capture(let number, let body):
            emit(.save(slot: 2 * number))
            compile(body)
            emit(.save(slot: 2 * number + 1))
        case .repetition(let body, let minimum, let maximum, let greedy):
            if case .byte(let set) = body {
                emit(.repeatByte(set: setIndex(set), minimum: minimum, maximum: maximum ?? Int.max, greedy: greedy))
                return
            }
            for _ in 0..<minimum { compile(body) }
            if let maximum {
                // Optional copies; skipping one skips the rest.
                var skips: [Int] = []
                for _ in minimum..<maximum {
                    skips.append(instructions.count)
                    emit(.split(preferred: -1, other: -1))
                    compile(body)
                }
                let end = instructions.count
                for skip in skips {
                    instructions[skip] = greedy ? .split(preferred: skip + 1, other: end) : .split(preferred: end, other: skip + 1)
                }
            } else {
                let loop = instructions.count
                emit(.split(preferred: -1, other: -1))
                compile(body)
                emit(.jump(loop))
                let end = instructions.count
                instructions[loop] = greedy ? .split(preferred: loop + 1, other: end) : .split(preferred: end, other: loop + 1)
            }
        case .inputStart:
            emit(.assertStart)
        case .inputEnd:
            emit(.assertEnd)
        }
    }
}
