// Command agreement prints, as markdown, whether each decoder of the decoder study
// (internal/decode) agrees with encoding/json on the documented answers and on the edge cases,
// and how it differs where it does not.
//
//	go run ./cmd/agreement
package main

import (
	"fmt"
	"os"
	"strings"

	"github.com/dli-openapi/enhanced-connections/bench/internal/decode"
)

func main() {
	doc, err := decode.Documented()
	if err != nil {
		fmt.Fprintln(os.Stderr, "agreement:", err)
		os.Exit(1)
	}
	all := decode.All()
	ref, others := all[0], all[1:]

	fmt.Println("| decoder | what |")
	fmt.Println("|---|---|")
	for _, d := range all {
		fmt.Printf("| %s | %s |\n", d.Name, d.What)
	}
	fmt.Println()

	header := []string{"input", "encoding/json"}
	for _, d := range others {
		header = append(header, d.Name)
	}
	fmt.Println("| " + strings.Join(header, " | ") + " |")
	fmt.Println("|" + strings.Repeat("---|", len(header)))
	agreed := make([]int, len(others))
	cases := append(doc, decode.Edge()...)
	var notes []string
	for _, c := range cases {
		want := decode.Run(ref, c)
		row := []string{c.Name, c.Std}
		if err := c.CheckStd(want); err != nil {
			row[1] += " (**not so here**: " + err.Error() + ")"
		}
		for i, d := range others {
			v := decode.Compare(want, decode.Run(d, c))
			if v.Agree {
				agreed[i]++
				row = append(row, "agrees")
				continue
			}
			notes = append(notes, fmt.Sprintf("%d. %s, %s: %s", len(notes)+1, d.Name, c.Name, v.Detail))
			row = append(row, fmt.Sprintf("**differs** (%d)", len(notes)))
		}
		fmt.Println("| " + strings.Join(row, " | ") + " |")
	}
	row := []string{"**agrees on**", fmt.Sprintf("%d of %d", len(cases), len(cases))}
	for i := range others {
		row = append(row, fmt.Sprintf("%d of %d", agreed[i], len(cases)))
	}
	fmt.Println("| " + strings.Join(row, " | ") + " |")
	if len(notes) > 0 {
		fmt.Println()
		fmt.Println("How they differ:")
		fmt.Println()
		for _, n := range notes {
			fmt.Println(strings.ReplaceAll(n, "|", `\|`))
		}
	}
}
