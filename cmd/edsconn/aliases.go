package main

// The short names are the only part of the command list written by hand: the commands
// themselves, their flags and help come from the spec (commands.gen.go). TestAliases fails when
// an alias names an operation or a field the spec does not have.

// commandAlias is a short name for an operation command. preset arguments come before the
// user's, so that the user's own flags win.
type commandAlias struct {
	name      string
	operation string
	preset    []string
}

// commandAliases are the short names, in the order of the documented procedure.
var commandAliases = []commandAlias{
	{name: "create", operation: "CreateEnhancedConnection"},
	{name: "list", operation: "ListEnhancedConnections", preset: []string{"--all"}},
	{name: "show", operation: "ShowEnhancedConnection"},
	{name: "update-hosts", operation: "UpdateEnhancedConnection"},
	{name: "bind", operation: "AssociateQueueToEnhancedConnection"},
	{name: "unbind", operation: "DisassociateQueueFromEnhancedConnection"},
	{name: "privileges", operation: "ShowEnhancedConnectionPrivilege"},
	{name: "route-add", operation: "CreateRouteToEnhancedConnection"},
	{name: "route-delete", operation: "DeleteRouteFromEnhancedConnection"},
	{name: "delete", operation: "DeleteEnhancedConnection"},
	{name: "tags", operation: "ShowResourceTags"},
	{name: "tags-add", operation: "BatchCreateResourceTags"},
	{name: "tags-delete", operation: "BatchDeleteResourceTags"},
	{name: "tags-keys", operation: "ListResourcesTags"},
	{name: "tags-filter", operation: "ListResourcesByTags"},
	{name: "tags-count", operation: "CountResourcesByTags"},
}

// flagAlias is a second name for the flag of a body property or query parameter, wherever an
// operation has it. A pair alias takes the two properties of an array's objects as FIRST=SECOND
// (--host db1=10.0.0.1 for {"name": "db1", "ip": "10.0.0.1"}).
type flagAlias struct {
	field string
	flag  string
	pair  bool
}

// flagAliases keep the flags of earlier versions of the CLI working.
var flagAliases = []flagAlias{
	{field: "dest_vpc_id", flag: "vpc"},
	{field: "dest_network_id", flag: "subnet"},
	{field: "routetable_id", flag: "routetable"},
	{field: "queues", flag: "queue"},
	{field: "elastic_resource_pools", flag: "pool"},
	{field: "hosts", flag: "host", pair: true},
	{field: "tags", flag: "tag", pair: true},
	{field: "limit", flag: "page-size"},
	// The tag API calls a connection's id resource_id; every other command connection_id.
	{field: "resource_id", flag: "connection-id"},
}
