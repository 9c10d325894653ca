package jsondec_test

import "github.com/dli-openapi/enhanced-connections/internal/jsondec"

// Decoders written by hand in exactly the shape the generator is to write: one field-index
// function per struct (exact names, then folded names precomputed with jsondec.Fold), one
// decode function per struct and per slice type, one Decoder call per value, InField and
// InIndex on the error path only, presence bits for required fields.

// fieldName is the name InField gets: the spec's name, or "" for an unknown key.
func fieldName(names []string, f int) string {
	if f < 0 {
		return ""
	}
	return names[f]
}

var connListNames = []string{"connections", "count", "is_success", "message"}

func connListField(key []byte) int {
	switch string(key) {
	case "connections":
		return 0
	case "count":
		return 1
	case "is_success":
		return 2
	case "message":
		return 3
	}
	var buf [64]byte
	switch string(jsondec.AppendFold(buf[:0], key)) {
	case "CONNECTIONS":
		return 0
	case "COUNT":
		return 1
	case "IS_SUCCESS":
		return 2
	case "MESSAGE":
		return 3
	}
	return -1
}

func decodeConnList(d *jsondec.Decoder, v *connList) error {
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
		f := connListField(key)
		switch f {
		case 0:
			err = decodeConns(d, &v.Connections)
		case 1:
			err = d.Int32Ptr(&v.Count)
		case 2:
			err = d.BoolPtr(&v.IsSuccess)
		case 3:
			err = d.StringPtr(&v.Message)
		default:
			err = d.Skip()
		}
		if err != nil {
			return jsondec.InField(err, fieldName(connListNames, f))
		}
	}
	return nil
}

func decodeConns(d *jsondec.Decoder, s *[]conn) error {
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
		if err := decodeConn(d, jsondec.Elem(s, i)); err != nil {
			return jsondec.InIndex(err, i)
		}
	}
	jsondec.EndSlice(s, i)
	return nil
}

var connNames = []string{"available_queue_info", "create_time", "dest_network_id", "dest_vpc_id",
	"elastic_resource_pools", "hosts", "id", "ipv6_enable", "isPrivis", "name", "routes", "status"}

func connField(key []byte) int {
	switch string(key) {
	case "available_queue_info":
		return 0
	case "create_time":
		return 1
	case "dest_network_id":
		return 2
	case "dest_vpc_id":
		return 3
	case "elastic_resource_pools":
		return 4
	case "hosts":
		return 5
	case "id":
		return 6
	case "ipv6_enable":
		return 7
	case "isPrivis":
		return 8
	case "name":
		return 9
	case "routes":
		return 10
	case "status":
		return 11
	}
	var buf [64]byte
	switch string(jsondec.AppendFold(buf[:0], key)) {
	case "AVAILABLE_QUEUE_INFO":
		return 0
	case "CREATE_TIME":
		return 1
	case "DEST_NETWORK_ID":
		return 2
	case "DEST_VPC_ID":
		return 3
	case "ELASTIC_RESOURCE_POOLS":
		return 4
	case "HOSTS":
		return 5
	case "ID":
		return 6
	case "IPV6_ENABLE":
		return 7
	case "ISPRIVIS":
		return 8
	case "NAME":
		return 9
	case "ROUTES":
		return 10
	case "STATUS":
		return 11
	}
	return -1
}

func decodeConn(d *jsondec.Decoder, v *conn) error {
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
		f := connField(key)
		switch f {
		case 0:
			err = decodePeers(d, &v.AvailableQueueInfo)
		case 1:
			err = d.Int64Ptr(&v.CreateTime)
		case 2:
			err = d.StringPtr(&v.DestNetworkID)
		case 3:
			err = d.StringPtr(&v.DestVpcID)
		case 4:
			err = decodePeers(d, &v.ElasticResourcePools)
		case 5:
			err = decodeHosts(d, &v.Hosts)
		case 6:
			err = d.StringPtr(&v.ID)
		case 7:
			err = d.BoolPtr(&v.Ipv6Enable)
		case 8:
			err = d.BoolPtr(&v.IsPrivis)
		case 9:
			err = d.StringPtr(&v.Name)
		case 10:
			err = decodeRoutes(d, &v.Routes)
		case 11:
			err = jsondec.EnumPtr(d, &v.Status, connStatuses)
		default:
			err = d.Skip()
		}
		if err != nil {
			return jsondec.InField(err, fieldName(connNames, f))
		}
	}
	return nil
}

func decodePeers(d *jsondec.Decoder, s *[]peer) error {
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
		if err := decodePeer(d, jsondec.Elem(s, i)); err != nil {
			return jsondec.InIndex(err, i)
		}
	}
	jsondec.EndSlice(s, i)
	return nil
}

var peerNames = []string{"err_msg", "name", "peer_id", "status", "update_time"}

func peerField(key []byte) int {
	switch string(key) {
	case "err_msg":
		return 0
	case "name":
		return 1
	case "peer_id":
		return 2
	case "status":
		return 3
	case "update_time":
		return 4
	}
	var buf [64]byte
	switch string(jsondec.AppendFold(buf[:0], key)) {
	case "ERR_MSG":
		return 0
	case "NAME":
		return 1
	case "PEER_ID":
		return 2
	case "STATUS":
		return 3
	case "UPDATE_TIME":
		return 4
	}
	return -1
}

func decodePeer(d *jsondec.Decoder, v *peer) error {
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
		f := peerField(key)
		switch f {
		case 0:
			err = d.StringPtr(&v.ErrMsg)
		case 1:
			err = d.StringPtr(&v.Name)
		case 2:
			err = d.StringPtr(&v.PeerID)
		case 3:
			err = jsondec.EnumPtr(d, &v.Status, peerStatuses)
		case 4:
			err = d.Int64Ptr(&v.UpdateTime)
		default:
			err = d.Skip()
		}
		if err != nil {
			return jsondec.InField(err, fieldName(peerNames, f))
		}
	}
	return nil
}

func decodeHosts(d *jsondec.Decoder, s *[]host) error {
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
		if err := decodeHost(d, jsondec.Elem(s, i)); err != nil {
			return jsondec.InIndex(err, i)
		}
	}
	jsondec.EndSlice(s, i)
	return nil
}

var hostNames = []string{"ip", "name"}

func hostField(key []byte) int {
	switch string(key) {
	case "ip":
		return 0
	case "name":
		return 1
	}
	var buf [64]byte
	switch string(jsondec.AppendFold(buf[:0], key)) {
	case "IP":
		return 0
	case "NAME":
		return 1
	}
	return -1
}

func decodeHost(d *jsondec.Decoder, v *host) error {
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
		f := hostField(key)
		switch f {
		case 0:
			err = d.StringPtr(&v.IP)
		case 1:
			err = d.StringPtr(&v.Name)
		default:
			err = d.Skip()
		}
		if err != nil {
			return jsondec.InField(err, fieldName(hostNames, f))
		}
	}
	return nil
}

func decodeRoutes(d *jsondec.Decoder, s *[]route) error {
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
		if err := decodeRoute(d, jsondec.Elem(s, i)); err != nil {
			return jsondec.InIndex(err, i)
		}
	}
	jsondec.EndSlice(s, i)
	return nil
}

var routeNames = []string{"cidr", "create_time", "name"}

func routeField(key []byte) int {
	switch string(key) {
	case "cidr":
		return 0
	case "create_time":
		return 1
	case "name":
		return 2
	}
	var buf [64]byte
	switch string(jsondec.AppendFold(buf[:0], key)) {
	case "CIDR":
		return 0
	case "CREATE_TIME":
		return 1
	case "NAME":
		return 2
	}
	return -1
}

func decodeRoute(d *jsondec.Decoder, v *route) error {
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
		f := routeField(key)
		switch f {
		case 0:
			err = d.StringPtr(&v.Cidr)
		case 1:
			err = d.Int64Ptr(&v.CreateTime)
		case 2:
			err = d.StringPtr(&v.Name)
		default:
			err = d.Skip()
		}
		if err != nil {
			return jsondec.InField(err, fieldName(routeNames, f))
		}
	}
	return nil
}
