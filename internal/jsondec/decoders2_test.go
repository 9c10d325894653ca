package jsondec_test

import "github.com/dli-openapi/enhanced-connections/internal/jsondec"

var scalarsNames = []string{"s", "sp", "i", "ip", "i32", "i32p", "i64", "i64p", "f32", "f32p",
	"f64", "f64p", "b", "bp", "color", "cp", "label", "lp", "strs", "sps", "grid", "in", "inp",
	"ins", "inps", "dup", "DUP", "kind", "NoTag"}

func scalarsField(key []byte) int {
	switch string(key) {
	case "s":
		return 0
	case "sp":
		return 1
	case "i":
		return 2
	case "ip":
		return 3
	case "i32":
		return 4
	case "i32p":
		return 5
	case "i64":
		return 6
	case "i64p":
		return 7
	case "f32":
		return 8
	case "f32p":
		return 9
	case "f64":
		return 10
	case "f64p":
		return 11
	case "b":
		return 12
	case "bp":
		return 13
	case "color":
		return 14
	case "cp":
		return 15
	case "label":
		return 16
	case "lp":
		return 17
	case "strs":
		return 18
	case "sps":
		return 19
	case "grid":
		return 20
	case "in":
		return 21
	case "inp":
		return 22
	case "ins":
		return 23
	case "inps":
		return 24
	case "dup":
		return 25
	case "DUP":
		return 26
	case "kind":
		return 27
	case "NoTag":
		return 28
	}
	var buf [64]byte
	switch string(jsondec.AppendFold(buf[:0], key)) {
	case "S":
		return 0
	case "SP":
		return 1
	case "I":
		return 2
	case "IP":
		return 3
	case "I32":
		return 4
	case "I32P":
		return 5
	case "I64":
		return 6
	case "I64P":
		return 7
	case "F32":
		return 8
	case "F32P":
		return 9
	case "F64":
		return 10
	case "F64P":
		return 11
	case "B":
		return 12
	case "BP":
		return 13
	case "COLOR":
		return 14
	case "CP":
		return 15
	case "LABEL":
		return 16
	case "LP":
		return 17
	case "STRS":
		return 18
	case "SPS":
		return 19
	case "GRID":
		return 20
	case "IN":
		return 21
	case "INP":
		return 22
	case "INS":
		return 23
	case "INPS":
		return 24
	case "DUP": // "dup" and "DUP" fold equal: the first field takes the folded name
		return 25
	case "KIND":
		return 27
	case "NOTAG":
		return 28
	}
	return -1
}

func decodeScalars(d *jsondec.Decoder, v *scalars) error {
	if ok, err := d.BeginObject(); !ok {
		return err
	}
	for first := true; ; first = false {
		key, more, err := d.NextKey(first)
		if err != nil {
			return err
		}
		if !more {
			break
		}
		f := scalarsField(key)
		switch f {
		case 0:
			err = d.String(&v.S)
		case 1:
			err = d.StringPtr(&v.SP)
		case 2:
			err = d.Int(&v.I)
		case 3:
			err = d.IntPtr(&v.IP)
		case 4:
			err = d.Int32(&v.I32)
		case 5:
			err = d.Int32Ptr(&v.I32P)
		case 6:
			err = d.Int64(&v.I64)
		case 7:
			err = d.Int64Ptr(&v.I64P)
		case 8:
			err = d.Float32(&v.F32)
		case 9:
			err = d.Float32Ptr(&v.F32P)
		case 10:
			err = d.Float64(&v.F64)
		case 11:
			err = d.Float64Ptr(&v.F64P)
		case 12:
			err = d.Bool(&v.B)
		case 13:
			err = d.BoolPtr(&v.BP)
		case 14:
			err = jsondec.Enum(d, &v.Color, colors)
		case 15:
			err = jsondec.EnumPtr(d, &v.CP, colors)
		case 16:
			err = jsondec.StringOf(d, &v.Label)
		case 17:
			err = jsondec.StringPtrOf(d, &v.LP)
		case 18:
			err = decodeStrings(d, &v.Strs)
		case 19:
			err = decodeStringPtrs(d, &v.SPs)
		case 20:
			err = decodeGrid(d, &v.Grid)
		case 21:
			err = decodeInner(d, &v.In)
		case 22:
			if d.Null() {
				v.InP = nil
			} else {
				err = decodeInner(d, jsondec.Alloc(&v.InP))
			}
		case 23:
			err = decodeInners(d, &v.Ins)
		case 24:
			err = decodeInnerPtrs(d, &v.InPs)
		case 25:
			err = d.String(&v.Dup)
		case 26:
			err = d.String(&v.DupUpper)
		case 27:
			err = d.String(&v.Kind)
		case 28:
			err = d.String(&v.NoTag)
		default:
			err = d.Skip()
		}
		if err != nil {
			return jsondec.InField(err, fieldName(scalarsNames, f))
		}
	}
	return nil
}

func decodeStrings(d *jsondec.Decoder, s *[]string) error {
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
		if err := d.String(jsondec.Elem(s, i)); err != nil {
			return jsondec.InIndex(err, i)
		}
	}
	jsondec.EndSlice(s, i)
	return nil
}

func decodeStringPtrs(d *jsondec.Decoder, s *[]*string) error {
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
		if err := d.StringPtr(jsondec.Elem(s, i)); err != nil {
			return jsondec.InIndex(err, i)
		}
	}
	jsondec.EndSlice(s, i)
	return nil
}

func decodeGrid(d *jsondec.Decoder, s *[][]int64) error {
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
		if err := decodeInt64s(d, jsondec.Elem(s, i)); err != nil {
			return jsondec.InIndex(err, i)
		}
	}
	jsondec.EndSlice(s, i)
	return nil
}

func decodeInt64s(d *jsondec.Decoder, s *[]int64) error {
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
	return nil
}

func decodeInners(d *jsondec.Decoder, s *[]inner) error {
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
		if err := decodeInner(d, jsondec.Elem(s, i)); err != nil {
			return jsondec.InIndex(err, i)
		}
	}
	jsondec.EndSlice(s, i)
	return nil
}

func decodeInnerPtrs(d *jsondec.Decoder, s *[]*inner) error {
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
		e := jsondec.Elem(s, i)
		if d.Null() {
			*e = nil
		} else if err := decodeInner(d, jsondec.Alloc(e)); err != nil {
			return jsondec.InIndex(err, i)
		}
	}
	jsondec.EndSlice(s, i)
	return nil
}

var innerNames = []string{"a", "n", "xs"}

func innerField(key []byte) int {
	switch string(key) {
	case "a":
		return 0
	case "n":
		return 1
	case "xs":
		return 2
	}
	var buf [64]byte
	switch string(jsondec.AppendFold(buf[:0], key)) {
	case "A":
		return 0
	case "N":
		return 1
	case "XS":
		return 2
	}
	return -1
}

func decodeInner(d *jsondec.Decoder, v *inner) error {
	if ok, err := d.BeginObject(); !ok {
		return err
	}
	for first := true; ; first = false {
		key, more, err := d.NextKey(first)
		if err != nil {
			return err
		}
		if !more {
			break
		}
		f := innerField(key)
		switch f {
		case 0:
			err = d.String(&v.A)
		case 1:
			err = d.Int64Ptr(&v.N)
		case 2:
			err = decodeStrings(d, &v.Xs)
		default:
			err = d.Skip()
		}
		if err != nil {
			return jsondec.InField(err, fieldName(innerNames, f))
		}
	}
	return nil
}

var recordsNames = []string{"id", "rev", "items", "note", "any", "counts", "meta", "by_num", "sub"}

func recordsField(key []byte) int {
	switch string(key) {
	case "id":
		return 0
	case "rev":
		return 1
	case "items":
		return 2
	case "note":
		return 3
	case "any":
		return 4
	case "counts":
		return 5
	case "meta":
		return 6
	case "by_num":
		return 7
	case "sub":
		return 8
	}
	var buf [64]byte
	switch string(jsondec.AppendFold(buf[:0], key)) {
	case "ID":
		return 0
	case "REV":
		return 1
	case "ITEMS":
		return 2
	case "NOTE":
		return 3
	case "ANY":
		return 4
	case "COUNTS":
		return 5
	case "META":
		return 6
	case "BY_NUM":
		return 7
	case "SUB":
		return 8
	}
	return -1
}

// decodeRecords tracks its required fields (id, rev, items) in seen: null counts as absent.
func decodeRecords(d *jsondec.Decoder, v *records) error {
	if ok, err := d.BeginObject(); !ok {
		return err
	}
	var seen uint8
	for first := true; ; first = false {
		key, more, err := d.NextKey(first)
		if err != nil {
			return err
		}
		if !more {
			break
		}
		f := recordsField(key)
		switch f {
		case 0:
			if !d.Null() {
				seen |= 1 << 0
				err = d.String(&v.ID)
			}
		case 1:
			if !d.Null() {
				seen |= 1 << 1
				err = d.Int64(&v.Rev)
			}
		case 2:
			if d.Null() {
				v.Items = nil
			} else {
				seen |= 1 << 2
				err = decodeItems(d, &v.Items)
			}
		case 3:
			err = d.StringPtr(&v.Note)
		case 4:
			err = d.Fallback(&v.Any)
		case 5:
			err = d.Fallback(&v.Counts)
		case 6:
			err = d.Fallback(&v.Meta)
		case 7:
			err = d.Fallback(&v.ByNum)
		case 8:
			if d.Null() {
				v.Sub = nil
			} else {
				err = decodeSub(d, jsondec.Alloc(&v.Sub))
			}
		default:
			err = d.Skip()
		}
		if err != nil {
			return jsondec.InField(err, fieldName(recordsNames, f))
		}
	}
	switch {
	case seen&(1<<0) == 0:
		return jsondec.Missing("id")
	case seen&(1<<1) == 0:
		return jsondec.Missing("rev")
	case seen&(1<<2) == 0:
		return jsondec.Missing("items")
	}
	return nil
}

func decodeItems(d *jsondec.Decoder, s *[]item) error {
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
		if err := decodeItem(d, jsondec.Elem(s, i)); err != nil {
			return jsondec.InIndex(err, i)
		}
	}
	jsondec.EndSlice(s, i)
	return nil
}

var itemNames = []string{"key", "value"}

func itemField(key []byte) int {
	switch string(key) {
	case "key":
		return 0
	case "value":
		return 1
	}
	var buf [64]byte
	switch string(jsondec.AppendFold(buf[:0], key)) {
	case "KEY":
		return 0
	case "VALUE":
		return 1
	}
	return -1
}

func decodeItem(d *jsondec.Decoder, v *item) error {
	if ok, err := d.BeginObject(); !ok {
		return err
	}
	var seen uint8
	for first := true; ; first = false {
		key, more, err := d.NextKey(first)
		if err != nil {
			return err
		}
		if !more {
			break
		}
		f := itemField(key)
		switch f {
		case 0:
			if !d.Null() {
				seen |= 1
				err = d.String(&v.Key)
			}
		case 1:
			err = d.StringPtr(&v.Value)
		default:
			err = d.Skip()
		}
		if err != nil {
			return jsondec.InField(err, fieldName(itemNames, f))
		}
	}
	if seen&1 == 0 {
		return jsondec.Missing("key")
	}
	return nil
}

var subNames = []string{"code", "tags"}

func subField(key []byte) int {
	switch string(key) {
	case "code":
		return 0
	case "tags":
		return 1
	}
	var buf [64]byte
	switch string(jsondec.AppendFold(buf[:0], key)) {
	case "CODE":
		return 0
	case "TAGS":
		return 1
	}
	return -1
}

func decodeSub(d *jsondec.Decoder, v *sub) error {
	if ok, err := d.BeginObject(); !ok {
		return err
	}
	var seen uint8
	for first := true; ; first = false {
		key, more, err := d.NextKey(first)
		if err != nil {
			return err
		}
		if !more {
			break
		}
		f := subField(key)
		switch f {
		case 0:
			if !d.Null() {
				seen |= 1
				err = d.Int32(&v.Code)
			}
		case 1:
			err = decodeStrings(d, &v.Tags)
		default:
			err = d.Skip()
		}
		if err != nil {
			return jsondec.InField(err, fieldName(subNames, f))
		}
	}
	if seen&1 == 0 {
		return jsondec.Missing("code")
	}
	return nil
}
