package main

import (
	"flag"
	"fmt"
	"strings"
)

// closest returns the candidate a mistyped name probably meant, "" when none is near enough:
// the same name in another case or without its dashes, else one within a small edit distance
// (1 for names of up to 4 letters, 2 for longer ones), the first of the nearest in the
// candidates' order.
func closest(name string, candidates []string) string {
	norm := func(s string) string { return strings.ToLower(strings.NewReplacer("-", "", "_", "").Replace(s)) }
	n := norm(name)
	if n == "" {
		return ""
	}
	limit := 2
	if len(n) <= 4 {
		limit = 1
	}
	best, bestDist := "", limit+1
	for _, c := range candidates {
		if c == name {
			continue
		}
		d := editDistance(n, norm(c))
		if d < bestDist {
			best, bestDist = c, d
		}
	}
	return best
}

// editDistance is the Levenshtein distance of a and b, in bytes (names are ASCII).
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// suggest names the command a mistyped one probably meant, as the end of a message.
func suggest(name string) string {
	if c := closest(name, commandNames()); c != "" {
		return fmt.Sprintf(" (did you mean %q?)", c)
	}
	return ""
}

// suggestFlag names the flag of fs a mistyped one probably meant, as the end of a message.
func suggestFlag(fs *flag.FlagSet, name string) string {
	var names []string
	fs.VisitAll(func(f *flag.Flag) { names = append(names, f.Name) })
	if c := closest(name, names); c != "" {
		return fmt.Sprintf(" (did you mean %s?)", dashes(c))
	}
	return ""
}
