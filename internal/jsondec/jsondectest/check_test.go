package jsondectest

import (
	"math"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/dli-openapi/enhanced-connections/internal/jsondec"
)

type pair struct {
	Key  string  `json:"key"`
	Vals []int64 `json:"vals"`
	F    float64 `json:"f"`
}

var pairNames = []string{"key", "vals", "f"}

// pairDecoder is a decoder of pair in the generated shape that tracks key as required, or,
// with a bug, one that parts from encoding/json in the way the bug says.
func pairDecoder(bug string) func(*jsondec.Decoder, *pair) error {
	return func(d *jsondec.Decoder, v *pair) error {
		if ok, err := d.BeginObject(); !ok {
			return err
		}
		seen := false
		for first := true; ; first = false {
			key, more, err := d.NextKey(first)
			if err != nil {
				return err
			}
			if !more {
				break
			}
			f := slices.Index(pairNames, string(key))
			switch f {
			case 0:
				if !d.Null() {
					seen = true
					err = d.String(&v.Key)
				}
			case 1:
				err = decodeVals(d, &v.Vals, bug)
			case 2:
				if bug == "ignores type errors" {
					if err = d.Float64(&v.F); err != nil {
						err = nil
					}
					break
				}
				err = d.Float64(&v.F)
				if bug == "loses the sign of zero" {
					v.F = math.Abs(v.F)
				}
			default:
				err = d.Skip()
			}
			if err != nil {
				if bug == "quotes keys" && f < 0 {
					return jsondec.InField(err, key)
				}
				if f < 0 {
					return err
				}
				return jsondec.InField(err, pairNames[f])
			}
		}
		switch {
		case bug == "always missing":
			return jsondec.Missing("key")
		case bug == "wrong path" && !seen:
			return jsondec.Missing("vals")
		case bug != "not tracking" && !seen:
			return jsondec.Missing("key")
		}
		return nil
	}
}

func decodeVals(d *jsondec.Decoder, s *[]int64, bug string) error {
	if ok, err := jsondec.BeginSlice(d, s); !ok {
		return err
	}
	i := 0
	for ; ; i++ {
		more, err := d.NextElem(i == 0)
		if err != nil {
			return err
		}
		if !more {
			break
		}
		if err := d.Int64(jsondec.Elem(s, i)); err != nil {
			return jsondec.InIndex(err, i)
		}
	}
	jsondec.EndSlice(s, i)
	switch {
	case bug == "nil for []" && i == 0:
		*s = nil
	case bug == "clips capacity":
		*s = slices.Clip(*s)
	}
	return nil
}

// TestCompareFlags shows that Compare finds each way a decoder can part from encoding/json,
// including those reflect.DeepEqual would not see, and that the correct decoder passes the
// same inputs.
func TestCompareFlags(t *testing.T) {
	for _, tc := range []struct{ bug, in, want string }{
		{"nil for []", `{"key":"k","vals":[]}`, "Vals: nil is true, want false"},
		{"loses the sign of zero", `{"key":"k","f":-0}`, "F: 0, want -0"},
		{"clips capacity", `{"key":"k","vals":[1,2,3],"vals":[1]}`, "Vals: len 1 cap 1, want len 1 cap 4"},
		{"ignores type errors", `{"key":"k","f":"1"}`, "cannot unmarshal string"},
		{"not tracking", `{"vals":[]}`, `required fields are absent or null: ["key"]`},
		{"not tracking", `{"key":null}`, `required fields are absent or null: ["key"]`},
		{"always missing", `{"key":"k"}`, "the required fields absent or null are []"},
		{"wrong path", `{}`, `the required fields absent or null are ["key"]`},
		{"quotes keys", `{"` + Secret + `":[1,]}`, "decoder error quotes the input"},
	} {
		t.Run(tc.bug, func(t *testing.T) {
			err := Compare([]byte(tc.in), pairDecoder(tc.bug), "key")
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Compare: %v, want it to say %q", err, tc.want)
			}
			if err := Compare([]byte(tc.in), pairDecoder(""), "key"); err != nil {
				t.Errorf("correct decoder: %v", err)
			}
		})
	}
}

func TestDiffStricterThanDeepEqual(t *testing.T) {
	negZero := math.Copysign(0, -1)
	stale := []string{"a", "b"}
	for _, tc := range []struct {
		name string
		a, b any
	}{
		{"-0", negZero, 0.0},
		{"nil and empty slice", []int(nil), []int{}},
		//lint:ignore S1019 the capacity is what this case compares
		{"capacity", make([]int, 1, 2), make([]int, 1, 1)},
		{"beyond length", stale[:1], []string{"a", "c"}[:1]},
		{"nil and empty map", map[string]int(nil), map[string]int{}},
		{"-0 in an interface", any(negZero), any(0.0)},
	} {
		if d := diff(reflect.ValueOf(&tc.a).Elem(), reflect.ValueOf(&tc.b).Elem(), ""); d == "" {
			t.Errorf("%s: no difference found", tc.name)
		}
	}
	same := []any{map[string]any{"a": []any{1.0, "x", nil}}, []int{1}, "s", (*int)(nil)}
	for _, v := range same {
		if d := diff(reflect.ValueOf(&v).Elem(), reflect.ValueOf(&v).Elem(), ""); d != "" {
			t.Errorf("%v differs from itself: %s", v, d)
		}
	}
}
