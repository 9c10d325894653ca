package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/dli-openapi/enhanced-connections/gen"
)

// print writes an answer as indented JSON (the default, for scripts), or as a table for people.
func (e *env) print(v any) error {
	if e.output == "table" {
		return printTable(e.stdout, v)
	}
	enc := json.NewEncoder(e.stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// connectionRow is one line of a connection table.
type connectionRow struct {
	id, name, status, peers, hosts, created string
}

func rowFromShow(c *gen.ShowEnhancedConnectionResponse) connectionRow {
	return makeRow(c.ID, c.Name, c.Status, c.AvailableQueueInfo, c.ElasticResourcePools, len(c.Hosts), c.CreateTime)
}

func rowFromList(c gen.EnhancedConnection) connectionRow {
	return makeRow(c.ID, c.Name, c.Status, c.AvailableQueueInfo, c.ElasticResourcePools, len(c.Hosts), c.CreateTime)
}

func makeRow(id, name string, status gen.ConnectionStatus, queues, pools []gen.PeerConnection, hosts int, created int64) connectionRow {
	var peers []string
	for _, p := range append(append([]gen.PeerConnection(nil), queues...), pools...) {
		peers = append(peers, p.Name+"="+string(p.Status))
	}
	row := connectionRow{
		id:     id,
		name:   name,
		status: string(status),
		peers:  cmp(strings.Join(peers, ","), "-"),
		hosts:  fmt.Sprint(hosts),
	}
	if created != 0 {
		row.created = time.UnixMilli(created).UTC().Format(time.RFC3339)
	}
	return row
}

func printConnectionTable(w io.Writer, rows []connectionRow) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "   ID\tNAME\tSTATUS\tQUEUES/POOLS\tHOSTS\tCREATED")
	for _, r := range rows {
		fmt.Fprintf(tw, "   %s\t%s\t%s\t%s\t%s\t%s\n", r.id, r.name, r.status, r.peers, r.hosts, r.created)
	}
	return tw.Flush()
}

// printTable renders the answers the CLI prints; anything else falls back to JSON.
func printTable(w io.Writer, v any) error {
	switch x := v.(type) {
	case *gen.ShowEnhancedConnectionResponse:
		return printConnectionTable(w, []connectionRow{rowFromShow(x)})
	case []gen.EnhancedConnection:
		rows := make([]connectionRow, len(x))
		for i, c := range x {
			rows[i] = rowFromList(c)
		}
		return printConnectionTable(w, rows)
	case *gen.CreateEnhancedConnectionResponse:
		_, err := fmt.Fprintf(w, "created %s: %s\n", x.ConnectionID, x.Message)
		return err
	case *gen.StatusResponse:
		_, err := fmt.Fprintf(w, "ok: %s\n", cmp(x.Message, "done"))
		return err
	case *gen.ShowEnhancedConnectionPrivilegeResponse:
		tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "PROJECT\tOBJECT\tPRIVILEGES")
		for _, p := range x.Privileges {
			fmt.Fprintf(tw, "%s\t%s\t%s\n", cmp(p.ApplicantProjectID, p.ProjectID), p.Object, strings.Join(p.Privileges, ","))
		}
		return tw.Flush()
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
