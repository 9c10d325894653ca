package schemacheck

import (
	"encoding/binary"
	"regexp/syntax"
	"slices"
	"sync"
	"sync/atomic"
)

// maxDFAStates bounds the memory of one pattern's DFA (about 2 KB a state); past it the
// Matcher stops growing the DFA and leaves unseen transitions to regexp.
const maxDFAStates = 1000

// dfa is a lazily built deterministic automaton over ASCII bytes for one regexp program.
//
// A state is the set of program instructions the NFA simulation would hold at one position
// of the input: the rune-consuming instructions reached through the epsilon closure, plus the
// `$` (EmptyEndText) assertions waiting for the end of the input. Since the search is
// unanchored, as regexp.MatchString's is, every position after the first also starts a new
// thread at the program's start, where `^` (EmptyBeginText) no longer holds. A state is built
// the first time a transition needs it and then reached by one atomic load per byte.
type dfa struct {
	prog *syntax.Prog

	mu     sync.Mutex        // guards states and the construction of new ones
	states map[string]*state // by key: the sorted instruction set and the flags
	start  *state            // the state at position 0, where `^` holds
	full   atomic.Bool       // maxDFAStates reached: unknown transitions go to regexp

	restart []uint32 // the closure of the start away from position 0
	scratch []uint32 // reused by step under mu
}

// state is one DFA state; next is filled in as transitions are first taken.
type state struct {
	next       [256]atomic.Pointer[state] // nil: not built yet, or a non-ASCII byte
	insts      []uint32                   // consuming instructions and pending `$` assertions, sorted
	atStart    bool                       // position 0: `^` holds
	matched    bool                       // a Match instruction was reached: the input matches, whatever follows
	matchAtEnd bool                       // the input matches if it ends here (always, once matched)
	dead       bool                       // no thread left and none can start: the input does not match
}

// newDFA returns a DFA for prog, or nil if prog uses assertions other than `^` and `$`
// (with syntax.Perl, `^`/`$` are text anchors; `\b`, `\B` and (?m) line anchors are not).
func newDFA(prog *syntax.Prog) *dfa {
	for _, inst := range prog.Inst {
		if inst.Op == syntax.InstEmptyWidth &&
			syntax.EmptyOp(inst.Arg)&^(syntax.EmptyBeginText|syntax.EmptyEndText) != 0 {
			return nil
		}
	}
	d := &dfa{prog: prog, states: make(map[string]*state)}
	var restartMatched bool
	d.restart, restartMatched = d.closure(nil, uint32(prog.Start), false)
	slices.Sort(d.restart)
	d.restart = slices.Compact(d.restart)
	if restartMatched {
		// The empty pattern (or one that can match empty anywhere) matches every input.
		d.restart = append(d.restart, matchMark)
	}
	insts, matched := d.closure(nil, uint32(prog.Start), true)
	d.start = d.intern(insts, true, matched)
	return d
}

// matchMark stands for "a Match instruction was reached" inside an instruction list; no real
// instruction has this index.
const matchMark = ^uint32(0)

// match runs s through the DFA. decided is false when s has a non-ASCII byte or the DFA ran
// out of room, and the caller must ask regexp instead.
func (d *dfa) match(s string) (ok, decided bool) {
	// Matched and dead states loop to themselves, so the loop needs no test but the table's.
	st := d.start
	for i := 0; i < len(s); i++ {
		next := st.next[s[i]].Load()
		if next == nil {
			if s[i] >= 0x80 {
				return false, false
			}
			if next = d.step(st, s[i]); next == nil {
				return false, false
			}
		}
		st = next
	}
	return st.matchAtEnd, true
}

// step builds (or finds) the state after st on byte c and caches the transition. It returns
// nil when the state budget is spent.
func (d *dfa) step(st *state, c byte) *state {
	d.mu.Lock()
	defer d.mu.Unlock()
	if next := st.next[c].Load(); next != nil {
		return next
	}
	if st.matched || st.dead { // decided whatever follows
		st.next[c].Store(st)
		return st
	}
	if d.full.Load() {
		return nil
	}
	insts := d.scratch[:0]
	matched := false
	for _, pc := range st.insts {
		inst := &d.prog.Inst[pc]
		if !consumes(inst, rune(c)) {
			continue
		}
		var m bool
		insts, m = d.closure(insts, inst.Out, false)
		matched = matched || m
	}
	for _, pc := range d.restart {
		if pc == matchMark {
			matched = true
			continue
		}
		insts = append(insts, pc)
	}
	d.scratch = insts
	next := d.intern(insts, false, matched)
	if next == nil {
		d.full.Store(true)
		return nil
	}
	st.next[c].Store(next)
	return next
}

// consumes reports whether the consuming instruction inst matches the ASCII rune r; other
// instructions (pending `$`) never do.
func consumes(inst *syntax.Inst, r rune) bool {
	switch inst.Op {
	case syntax.InstRune, syntax.InstRune1:
		return inst.MatchRune(r)
	case syntax.InstRuneAny:
		return true
	case syntax.InstRuneAnyNotNL:
		return r != '\n'
	}
	return false
}

// closure appends to insts the consuming instructions and pending `$` assertions reachable
// from pc without consuming input, at a position where `^` holds iff atStart, and reports
// whether a Match instruction is reachable.
func (d *dfa) closure(insts []uint32, pc uint32, atStart bool) ([]uint32, bool) {
	matched := d.follow([]uint32{pc}, atStart, false, func(pc uint32) { insts = append(insts, pc) })
	return insts, matched
}

// follow walks every instruction reachable from stack without consuming input and reports
// whether Match is among them. `^` holds iff atStart; `$` holds iff atEnd, and when it does not
// the assertion is handed to stop, as is every rune-consuming instruction: both are decided by
// what comes next.
func (d *dfa) follow(stack []uint32, atStart, atEnd bool, stop func(pc uint32)) bool {
	matched := false
	seen := make(map[uint32]bool)
	for len(stack) > 0 {
		pc := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[pc] {
			continue
		}
		seen[pc] = true
		inst := &d.prog.Inst[pc]
		switch inst.Op {
		case syntax.InstAlt, syntax.InstAltMatch:
			stack = append(stack, inst.Arg, inst.Out)
		case syntax.InstCapture, syntax.InstNop:
			stack = append(stack, inst.Out)
		case syntax.InstEmptyWidth:
			op := syntax.EmptyOp(inst.Arg)
			if op&syntax.EmptyBeginText != 0 && !atStart {
				continue
			}
			if op&syntax.EmptyEndText != 0 && !atEnd {
				stop(pc)
				continue
			}
			stack = append(stack, inst.Out)
		case syntax.InstMatch:
			matched = true
		case syntax.InstFail:
		default: // rune-consuming
			stop(pc)
		}
	}
	return matched
}

// intern returns the state for the given instruction set, creating it if the budget allows
// (nil otherwise). insts may be modified.
func (d *dfa) intern(insts []uint32, atStart, matched bool) *state {
	slices.Sort(insts)
	insts = slices.Compact(insts)
	key := stateKey(insts, atStart, matched)
	if st, ok := d.states[key]; ok {
		return st
	}
	if len(d.states) >= maxDFAStates {
		return nil
	}
	st := &state{insts: slices.Clone(insts), atStart: atStart, matched: matched}
	st.matchAtEnd = matched || d.acceptsAtEnd(st)
	st.dead = !matched && len(st.insts) == 0 && len(d.restart) == 0
	d.states[key] = st
	return st
}

// acceptsAtEnd reports whether a pending `$` of st leads to Match when the input ends here.
func (d *dfa) acceptsAtEnd(st *state) bool {
	var stack []uint32
	for _, pc := range st.insts {
		if d.prog.Inst[pc].Op == syntax.InstEmptyWidth {
			stack = append(stack, d.prog.Inst[pc].Out)
		}
	}
	return d.follow(stack, st.atStart, true, func(uint32) {})
}

func stateKey(insts []uint32, atStart, matched bool) string {
	var flags byte
	if atStart {
		flags |= 1
	}
	if matched {
		flags |= 2
	}
	buf := make([]byte, 0, 1+4*len(insts))
	buf = append(buf, flags)
	for _, pc := range insts {
		buf = binary.LittleEndian.AppendUint32(buf, pc)
	}
	return string(buf)
}
