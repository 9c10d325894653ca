package jsondec_test

// The test types. connList and what it holds copy the shape and json tags of
// gen.ListEnhancedConnectionsResponse; scalars has a field of every primitive kind, as a value
// and as a pointer, and the containers of them; records has required fields, an interface and
// maps, which the generated code decodes through Fallback.

type connList struct {
	Connections []conn  `json:"connections,omitempty"`
	Count       *int32  `json:"count,omitempty"`
	IsSuccess   *bool   `json:"is_success,omitempty"`
	Message     *string `json:"message,omitempty"`
}

type connStatus string

type peerStatus string

var connStatuses = []connStatus{"ACTIVE", "CREATING", "DELETED", "FAILED"}

var peerStatuses = []peerStatus{"ACTIVE", "CREATING", "FAILED"}

type conn struct {
	AvailableQueueInfo   []peer      `json:"available_queue_info,omitempty"`
	CreateTime           *int64      `json:"create_time,omitempty"`
	DestNetworkID        *string     `json:"dest_network_id,omitempty"`
	DestVpcID            *string     `json:"dest_vpc_id,omitempty"`
	ElasticResourcePools []peer      `json:"elastic_resource_pools,omitempty"`
	Hosts                []host      `json:"hosts,omitempty"`
	ID                   *string     `json:"id,omitempty"`
	Ipv6Enable           *bool       `json:"ipv6_enable,omitempty"`
	IsPrivis             *bool       `json:"isPrivis,omitempty"`
	Name                 *string     `json:"name,omitempty"`
	Routes               []route     `json:"routes,omitempty"`
	Status               *connStatus `json:"status,omitempty"`
}

type peer struct {
	ErrMsg     *string     `json:"err_msg,omitempty"`
	Name       *string     `json:"name,omitempty"`
	PeerID     *string     `json:"peer_id,omitempty"`
	Status     *peerStatus `json:"status,omitempty"`
	UpdateTime *int64      `json:"update_time,omitempty"`
}

type host struct {
	IP   *string `json:"ip,omitempty"`
	Name *string `json:"name,omitempty"`
}

type route struct {
	Cidr       *string `json:"cidr,omitempty"`
	CreateTime *int64  `json:"create_time,omitempty"`
	Name       *string `json:"name,omitempty"`
}

type color string

type label string

var colors = []color{"red", "green", "blue"}

type scalars struct {
	S     string    `json:"s"`
	SP    *string   `json:"sp"`
	I     int       `json:"i"`
	IP    *int      `json:"ip"`
	I32   int32     `json:"i32"`
	I32P  *int32    `json:"i32p"`
	I64   int64     `json:"i64"`
	I64P  *int64    `json:"i64p"`
	F32   float32   `json:"f32"`
	F32P  *float32  `json:"f32p"`
	F64   float64   `json:"f64"`
	F64P  *float64  `json:"f64p"`
	B     bool      `json:"b"`
	BP    *bool     `json:"bp"`
	Color color     `json:"color"`
	CP    *color    `json:"cp"`
	Label label     `json:"label"`
	LP    *label    `json:"lp"`
	Strs  []string  `json:"strs"`
	SPs   []*string `json:"sps"`
	Grid  [][]int64 `json:"grid"`
	In    inner     `json:"in"`
	InP   *inner    `json:"inp"`
	Ins   []inner   `json:"ins"`
	InPs  []*inner  `json:"inps"`
	// Two names that fold equal: an exact key goes to its own field, any other spelling to
	// the first of them.
	Dup      string `json:"dup"`
	DupUpper string `json:"DUP"`
	// Names with the letters that fold to others: "ſ" (U+017F) folds as 's', the Kelvin sign
	// as 'k'.
	Kind  string `json:"kind"`
	NoTag string
}

type inner struct {
	A  string   `json:"a"`
	N  *int64   `json:"n"`
	Xs []string `json:"xs"`
}

type records struct {
	ID     string           `json:"id"`    // required
	Rev    int64            `json:"rev"`   // required
	Items  []item           `json:"items"` // required, and so is each item's key
	Note   *string          `json:"note"`
	Any    any              `json:"any"`
	Counts map[string]int32 `json:"counts"`
	Meta   map[string]any   `json:"meta"`
	ByNum  map[int]string   `json:"by_num"`
	Sub    *sub             `json:"sub"`
}

type sub struct {
	Code int32    `json:"code"` // required
	Tags []string `json:"tags"`
}

type item struct {
	Key   string  `json:"key"` // required
	Value *string `json:"value"`
}

var recordsRequired = []string{"id", "rev", "items", "items[].key", "sub.code"}
