# fish completion for edsconn, written by `edsconn completion fish`.
complete -c edsconn -f
complete -c edsconn -n __fish_use_subcommand -a 'AssociateQueueToEnhancedConnection' -d 'Bind queues or elastic resource pools'
complete -c edsconn -n __fish_use_subcommand -a 'bind' -d 'Bind queues or elastic resource pools (AssociateQueueToEnhancedConnection)'
complete -c edsconn -n __fish_use_subcommand -a 'BatchCreateResourceTags' -d 'Add tags to a connection'
complete -c edsconn -n __fish_use_subcommand -a 'tags-add' -d 'Add tags to a connection (BatchCreateResourceTags)'
complete -c edsconn -n __fish_use_subcommand -a 'BatchDeleteResourceTags' -d 'Remove tags from a connection'
complete -c edsconn -n __fish_use_subcommand -a 'tags-delete' -d 'Remove tags from a connection (BatchDeleteResourceTags)'
complete -c edsconn -n __fish_use_subcommand -a 'CountResourcesByTags' -d 'Count connections by tags'
complete -c edsconn -n __fish_use_subcommand -a 'tags-count' -d 'Count connections by tags (CountResourcesByTags)'
complete -c edsconn -n __fish_use_subcommand -a 'CreateEnhancedConnection' -d 'Create an enhanced connection'
complete -c edsconn -n __fish_use_subcommand -a 'create' -d 'Create an enhanced connection (CreateEnhancedConnection)'
complete -c edsconn -n __fish_use_subcommand -a 'CreateEnhancedConnectionRoutes' -d 'Add a route (deprecated v2.0 path)'
complete -c edsconn -n __fish_use_subcommand -a 'CreateRouteToEnhancedConnection' -d 'Add a route to a connection'
complete -c edsconn -n __fish_use_subcommand -a 'route-add' -d 'Add a route to a connection (CreateRouteToEnhancedConnection)'
complete -c edsconn -n __fish_use_subcommand -a 'DeleteEnhancedConnection' -d 'Delete an enhanced connection'
complete -c edsconn -n __fish_use_subcommand -a 'delete' -d 'Delete an enhanced connection (DeleteEnhancedConnection)'
complete -c edsconn -n __fish_use_subcommand -a 'DeleteEnhancedConnectionRoutes' -d 'Delete a route (deprecated v2.0 path)'
complete -c edsconn -n __fish_use_subcommand -a 'DeleteRouteFromEnhancedConnection' -d 'Delete a route of a connection'
complete -c edsconn -n __fish_use_subcommand -a 'route-delete' -d 'Delete a route of a connection (DeleteRouteFromEnhancedConnection)'
complete -c edsconn -n __fish_use_subcommand -a 'DisassociateQueueFromEnhancedConnection' -d 'Unbind queues or elastic resource pools'
complete -c edsconn -n __fish_use_subcommand -a 'unbind' -d 'Unbind queues or elastic resource pools (DisassociateQueueFromEnhancedConnection)'
complete -c edsconn -n __fish_use_subcommand -a 'ListAuthorizationPrivileges' -d 'List the privileges granted on an object'
complete -c edsconn -n __fish_use_subcommand -a 'ListEnhancedConnections' -d 'List enhanced connections'
complete -c edsconn -n __fish_use_subcommand -a 'list' -d 'List enhanced connections (ListEnhancedConnections)'
complete -c edsconn -n __fish_use_subcommand -a 'ListResourcesByTags' -d 'List connections by tags'
complete -c edsconn -n __fish_use_subcommand -a 'tags-filter' -d 'List connections by tags (ListResourcesByTags)'
complete -c edsconn -n __fish_use_subcommand -a 'ListResourcesTags' -d 'List the tags of the project\'s connections'
complete -c edsconn -n __fish_use_subcommand -a 'tags-keys' -d 'List the tags of the project\'s connections (ListResourcesTags)'
complete -c edsconn -n __fish_use_subcommand -a 'RunAuthorizationAction' -d 'Grant, revoke or update a project\'s access to a connection'
complete -c edsconn -n __fish_use_subcommand -a 'ShowEnhancedConnection' -d 'Show one enhanced connection'
complete -c edsconn -n __fish_use_subcommand -a 'show' -d 'Show one enhanced connection (ShowEnhancedConnection)'
complete -c edsconn -n __fish_use_subcommand -a 'ShowEnhancedConnectionPrivilege' -d 'List the projects granted access to a connection'
complete -c edsconn -n __fish_use_subcommand -a 'privileges' -d 'List the projects granted access to a connection (ShowEnhancedConnectionPrivilege)'
complete -c edsconn -n __fish_use_subcommand -a 'ShowResourceTags' -d 'Show the tags of a connection'
complete -c edsconn -n __fish_use_subcommand -a 'tags' -d 'Show the tags of a connection (ShowResourceTags)'
complete -c edsconn -n __fish_use_subcommand -a 'UpdateEnhancedConnection' -d 'Replace the hosts of a connection'
complete -c edsconn -n __fish_use_subcommand -a 'update-hosts' -d 'Replace the hosts of a connection (UpdateEnhancedConnection)'
complete -c edsconn -n __fish_use_subcommand -a 'wait' -d 'Wait until a connection and the peering of every queue and pool are ACTIVE'
complete -c edsconn -n __fish_use_subcommand -a 'grant' -d 'Share a connection with another project (BIND_QUEUE, through RunAuthorizationAction)'
complete -c edsconn -n __fish_use_subcommand -a 'revoke' -d 'Withdraw a project\'s access to a connection (through RunAuthorizationAction)'
complete -c edsconn -n __fish_use_subcommand -a 'demo' -d 'The documented procedure: create, wait until ACTIVE, show, list, delete'
complete -c edsconn -n __fish_use_subcommand -a 'config' -d 'Show the region, endpoint, project and where the credentials come from (never a secret)'
complete -c edsconn -n __fish_use_subcommand -a 'fake-server' -d 'Serve the fake DLI for other tools (default 127.0.0.1:8080)'
complete -c edsconn -n __fish_use_subcommand -a 'version' -d 'Print the module\'s version, the spec\'s info.version and Go\'s version'
complete -c edsconn -n __fish_use_subcommand -a 'completion' -d 'Print a completion script for bash, zsh or fish'
complete -c edsconn -n __fish_use_subcommand -a 'help' -d 'Print the help of the CLI, or of a command'
complete -c edsconn -n '__fish_seen_subcommand_from help' -a 'AssociateQueueToEnhancedConnection bind BatchCreateResourceTags tags-add BatchDeleteResourceTags tags-delete CountResourcesByTags tags-count CreateEnhancedConnection create CreateEnhancedConnectionRoutes CreateRouteToEnhancedConnection route-add DeleteEnhancedConnection delete DeleteEnhancedConnectionRoutes DeleteRouteFromEnhancedConnection route-delete DisassociateQueueFromEnhancedConnection unbind ListAuthorizationPrivileges ListEnhancedConnections list ListResourcesByTags tags-filter ListResourcesTags tags-keys RunAuthorizationAction ShowEnhancedConnection show ShowEnhancedConnectionPrivilege privileges ShowResourceTags tags UpdateEnhancedConnection update-hosts wait grant revoke demo config fake-server version completion help'
complete -c edsconn -n '__fish_seen_subcommand_from completion' -a 'bash zsh fish'
complete -c edsconn -n '__fish_seen_subcommand_from AssociateQueueToEnhancedConnection bind' -l body
complete -c edsconn -n '__fish_seen_subcommand_from AssociateQueueToEnhancedConnection bind' -l connection-id
complete -c edsconn -n '__fish_seen_subcommand_from AssociateQueueToEnhancedConnection bind' -l elastic-resource-pools
complete -c edsconn -n '__fish_seen_subcommand_from AssociateQueueToEnhancedConnection bind' -l endpoint
complete -c edsconn -n '__fish_seen_subcommand_from AssociateQueueToEnhancedConnection bind' -l fake
complete -c edsconn -n '__fish_seen_subcommand_from AssociateQueueToEnhancedConnection bind' -l fake-activation
complete -c edsconn -n '__fish_seen_subcommand_from AssociateQueueToEnhancedConnection bind' -l file -r -F
complete -c edsconn -n '__fish_seen_subcommand_from AssociateQueueToEnhancedConnection bind' -l no-validate
complete -c edsconn -n '__fish_seen_subcommand_from AssociateQueueToEnhancedConnection bind' -o o -x -a 'json table'
complete -c edsconn -n '__fish_seen_subcommand_from AssociateQueueToEnhancedConnection bind' -l pool
complete -c edsconn -n '__fish_seen_subcommand_from AssociateQueueToEnhancedConnection bind' -l project-id
complete -c edsconn -n '__fish_seen_subcommand_from AssociateQueueToEnhancedConnection bind' -l queue
complete -c edsconn -n '__fish_seen_subcommand_from AssociateQueueToEnhancedConnection bind' -l queues
complete -c edsconn -n '__fish_seen_subcommand_from AssociateQueueToEnhancedConnection bind' -l region
complete -c edsconn -n '__fish_seen_subcommand_from AssociateQueueToEnhancedConnection bind' -l timeout
complete -c edsconn -n '__fish_seen_subcommand_from BatchCreateResourceTags tags-add' -l body
complete -c edsconn -n '__fish_seen_subcommand_from BatchCreateResourceTags tags-add' -l connection-id
complete -c edsconn -n '__fish_seen_subcommand_from BatchCreateResourceTags tags-add' -l endpoint
complete -c edsconn -n '__fish_seen_subcommand_from BatchCreateResourceTags tags-add' -l fake
complete -c edsconn -n '__fish_seen_subcommand_from BatchCreateResourceTags tags-add' -l fake-activation
complete -c edsconn -n '__fish_seen_subcommand_from BatchCreateResourceTags tags-add' -l file -r -F
complete -c edsconn -n '__fish_seen_subcommand_from BatchCreateResourceTags tags-add' -l no-validate
complete -c edsconn -n '__fish_seen_subcommand_from BatchCreateResourceTags tags-add' -o o -x -a 'json table'
complete -c edsconn -n '__fish_seen_subcommand_from BatchCreateResourceTags tags-add' -l project-id
complete -c edsconn -n '__fish_seen_subcommand_from BatchCreateResourceTags tags-add' -l region
complete -c edsconn -n '__fish_seen_subcommand_from BatchCreateResourceTags tags-add' -l resource-id
complete -c edsconn -n '__fish_seen_subcommand_from BatchCreateResourceTags tags-add' -l tag
complete -c edsconn -n '__fish_seen_subcommand_from BatchCreateResourceTags tags-add' -l tags
complete -c edsconn -n '__fish_seen_subcommand_from BatchCreateResourceTags tags-add' -l timeout
complete -c edsconn -n '__fish_seen_subcommand_from BatchDeleteResourceTags tags-delete' -l body
complete -c edsconn -n '__fish_seen_subcommand_from BatchDeleteResourceTags tags-delete' -l connection-id
complete -c edsconn -n '__fish_seen_subcommand_from BatchDeleteResourceTags tags-delete' -l endpoint
complete -c edsconn -n '__fish_seen_subcommand_from BatchDeleteResourceTags tags-delete' -l fake
complete -c edsconn -n '__fish_seen_subcommand_from BatchDeleteResourceTags tags-delete' -l fake-activation
complete -c edsconn -n '__fish_seen_subcommand_from BatchDeleteResourceTags tags-delete' -l file -r -F
complete -c edsconn -n '__fish_seen_subcommand_from BatchDeleteResourceTags tags-delete' -l no-validate
complete -c edsconn -n '__fish_seen_subcommand_from BatchDeleteResourceTags tags-delete' -o o -x -a 'json table'
complete -c edsconn -n '__fish_seen_subcommand_from BatchDeleteResourceTags tags-delete' -l project-id
complete -c edsconn -n '__fish_seen_subcommand_from BatchDeleteResourceTags tags-delete' -l region
complete -c edsconn -n '__fish_seen_subcommand_from BatchDeleteResourceTags tags-delete' -l resource-id
complete -c edsconn -n '__fish_seen_subcommand_from BatchDeleteResourceTags tags-delete' -l tag
complete -c edsconn -n '__fish_seen_subcommand_from BatchDeleteResourceTags tags-delete' -l tags
complete -c edsconn -n '__fish_seen_subcommand_from BatchDeleteResourceTags tags-delete' -l timeout
complete -c edsconn -n '__fish_seen_subcommand_from CountResourcesByTags tags-count' -l body
complete -c edsconn -n '__fish_seen_subcommand_from CountResourcesByTags tags-count' -l endpoint
complete -c edsconn -n '__fish_seen_subcommand_from CountResourcesByTags tags-count' -l fake
complete -c edsconn -n '__fish_seen_subcommand_from CountResourcesByTags tags-count' -l fake-activation
complete -c edsconn -n '__fish_seen_subcommand_from CountResourcesByTags tags-count' -l file -r -F
complete -c edsconn -n '__fish_seen_subcommand_from CountResourcesByTags tags-count' -l matches
complete -c edsconn -n '__fish_seen_subcommand_from CountResourcesByTags tags-count' -l no-validate
complete -c edsconn -n '__fish_seen_subcommand_from CountResourcesByTags tags-count' -o o -x -a 'json table'
complete -c edsconn -n '__fish_seen_subcommand_from CountResourcesByTags tags-count' -l project-id
complete -c edsconn -n '__fish_seen_subcommand_from CountResourcesByTags tags-count' -l region
complete -c edsconn -n '__fish_seen_subcommand_from CountResourcesByTags tags-count' -l tag
complete -c edsconn -n '__fish_seen_subcommand_from CountResourcesByTags tags-count' -l tags
complete -c edsconn -n '__fish_seen_subcommand_from CountResourcesByTags tags-count' -l timeout
complete -c edsconn -n '__fish_seen_subcommand_from CountResourcesByTags tags-count' -l without-any-tag
complete -c edsconn -n '__fish_seen_subcommand_from CreateEnhancedConnection create' -l body
complete -c edsconn -n '__fish_seen_subcommand_from CreateEnhancedConnection create' -l dest-network-id
complete -c edsconn -n '__fish_seen_subcommand_from CreateEnhancedConnection create' -l dest-vpc-id
complete -c edsconn -n '__fish_seen_subcommand_from CreateEnhancedConnection create' -l elastic-resource-pools
complete -c edsconn -n '__fish_seen_subcommand_from CreateEnhancedConnection create' -l endpoint
complete -c edsconn -n '__fish_seen_subcommand_from CreateEnhancedConnection create' -l fake
complete -c edsconn -n '__fish_seen_subcommand_from CreateEnhancedConnection create' -l fake-activation
complete -c edsconn -n '__fish_seen_subcommand_from CreateEnhancedConnection create' -l file -r -F
complete -c edsconn -n '__fish_seen_subcommand_from CreateEnhancedConnection create' -l host
complete -c edsconn -n '__fish_seen_subcommand_from CreateEnhancedConnection create' -l hosts
complete -c edsconn -n '__fish_seen_subcommand_from CreateEnhancedConnection create' -l name
complete -c edsconn -n '__fish_seen_subcommand_from CreateEnhancedConnection create' -l no-validate
complete -c edsconn -n '__fish_seen_subcommand_from CreateEnhancedConnection create' -o o -x -a 'json table'
complete -c edsconn -n '__fish_seen_subcommand_from CreateEnhancedConnection create' -l pool
complete -c edsconn -n '__fish_seen_subcommand_from CreateEnhancedConnection create' -l project-id
complete -c edsconn -n '__fish_seen_subcommand_from CreateEnhancedConnection create' -l queue
complete -c edsconn -n '__fish_seen_subcommand_from CreateEnhancedConnection create' -l queues
complete -c edsconn -n '__fish_seen_subcommand_from CreateEnhancedConnection create' -l region
complete -c edsconn -n '__fish_seen_subcommand_from CreateEnhancedConnection create' -l routetable
complete -c edsconn -n '__fish_seen_subcommand_from CreateEnhancedConnection create' -l routetable-id
complete -c edsconn -n '__fish_seen_subcommand_from CreateEnhancedConnection create' -l subnet
complete -c edsconn -n '__fish_seen_subcommand_from CreateEnhancedConnection create' -l tag
complete -c edsconn -n '__fish_seen_subcommand_from CreateEnhancedConnection create' -l tags
complete -c edsconn -n '__fish_seen_subcommand_from CreateEnhancedConnection create' -l timeout
complete -c edsconn -n '__fish_seen_subcommand_from CreateEnhancedConnection create' -l vpc
complete -c edsconn -n '__fish_seen_subcommand_from CreateEnhancedConnectionRoutes' -l body
complete -c edsconn -n '__fish_seen_subcommand_from CreateEnhancedConnectionRoutes' -l cidr
complete -c edsconn -n '__fish_seen_subcommand_from CreateEnhancedConnectionRoutes' -l connection-id
complete -c edsconn -n '__fish_seen_subcommand_from CreateEnhancedConnectionRoutes' -l endpoint
complete -c edsconn -n '__fish_seen_subcommand_from CreateEnhancedConnectionRoutes' -l fake
complete -c edsconn -n '__fish_seen_subcommand_from CreateEnhancedConnectionRoutes' -l fake-activation
complete -c edsconn -n '__fish_seen_subcommand_from CreateEnhancedConnectionRoutes' -l file -r -F
complete -c edsconn -n '__fish_seen_subcommand_from CreateEnhancedConnectionRoutes' -l name
complete -c edsconn -n '__fish_seen_subcommand_from CreateEnhancedConnectionRoutes' -l no-validate
complete -c edsconn -n '__fish_seen_subcommand_from CreateEnhancedConnectionRoutes' -o o -x -a 'json table'
complete -c edsconn -n '__fish_seen_subcommand_from CreateEnhancedConnectionRoutes' -l project-id
complete -c edsconn -n '__fish_seen_subcommand_from CreateEnhancedConnectionRoutes' -l region
complete -c edsconn -n '__fish_seen_subcommand_from CreateEnhancedConnectionRoutes' -l timeout
complete -c edsconn -n '__fish_seen_subcommand_from CreateRouteToEnhancedConnection route-add' -l body
complete -c edsconn -n '__fish_seen_subcommand_from CreateRouteToEnhancedConnection route-add' -l cidr
complete -c edsconn -n '__fish_seen_subcommand_from CreateRouteToEnhancedConnection route-add' -l connection-id
complete -c edsconn -n '__fish_seen_subcommand_from CreateRouteToEnhancedConnection route-add' -l endpoint
complete -c edsconn -n '__fish_seen_subcommand_from CreateRouteToEnhancedConnection route-add' -l fake
complete -c edsconn -n '__fish_seen_subcommand_from CreateRouteToEnhancedConnection route-add' -l fake-activation
complete -c edsconn -n '__fish_seen_subcommand_from CreateRouteToEnhancedConnection route-add' -l file -r -F
complete -c edsconn -n '__fish_seen_subcommand_from CreateRouteToEnhancedConnection route-add' -l name
complete -c edsconn -n '__fish_seen_subcommand_from CreateRouteToEnhancedConnection route-add' -l no-validate
complete -c edsconn -n '__fish_seen_subcommand_from CreateRouteToEnhancedConnection route-add' -o o -x -a 'json table'
complete -c edsconn -n '__fish_seen_subcommand_from CreateRouteToEnhancedConnection route-add' -l project-id
complete -c edsconn -n '__fish_seen_subcommand_from CreateRouteToEnhancedConnection route-add' -l region
complete -c edsconn -n '__fish_seen_subcommand_from CreateRouteToEnhancedConnection route-add' -l timeout
complete -c edsconn -n '__fish_seen_subcommand_from DeleteEnhancedConnection delete' -l connection-id
complete -c edsconn -n '__fish_seen_subcommand_from DeleteEnhancedConnection delete' -l endpoint
complete -c edsconn -n '__fish_seen_subcommand_from DeleteEnhancedConnection delete' -l fake
complete -c edsconn -n '__fish_seen_subcommand_from DeleteEnhancedConnection delete' -l fake-activation
complete -c edsconn -n '__fish_seen_subcommand_from DeleteEnhancedConnection delete' -l no-validate
complete -c edsconn -n '__fish_seen_subcommand_from DeleteEnhancedConnection delete' -o o -x -a 'json table'
complete -c edsconn -n '__fish_seen_subcommand_from DeleteEnhancedConnection delete' -l project-id
complete -c edsconn -n '__fish_seen_subcommand_from DeleteEnhancedConnection delete' -l region
complete -c edsconn -n '__fish_seen_subcommand_from DeleteEnhancedConnection delete' -l timeout
complete -c edsconn -n '__fish_seen_subcommand_from DeleteEnhancedConnectionRoutes' -l connection-id
complete -c edsconn -n '__fish_seen_subcommand_from DeleteEnhancedConnectionRoutes' -l endpoint
complete -c edsconn -n '__fish_seen_subcommand_from DeleteEnhancedConnectionRoutes' -l fake
complete -c edsconn -n '__fish_seen_subcommand_from DeleteEnhancedConnectionRoutes' -l fake-activation
complete -c edsconn -n '__fish_seen_subcommand_from DeleteEnhancedConnectionRoutes' -l name
complete -c edsconn -n '__fish_seen_subcommand_from DeleteEnhancedConnectionRoutes' -l no-validate
complete -c edsconn -n '__fish_seen_subcommand_from DeleteEnhancedConnectionRoutes' -o o -x -a 'json table'
complete -c edsconn -n '__fish_seen_subcommand_from DeleteEnhancedConnectionRoutes' -l project-id
complete -c edsconn -n '__fish_seen_subcommand_from DeleteEnhancedConnectionRoutes' -l region
complete -c edsconn -n '__fish_seen_subcommand_from DeleteEnhancedConnectionRoutes' -l timeout
complete -c edsconn -n '__fish_seen_subcommand_from DeleteRouteFromEnhancedConnection route-delete' -l connection-id
complete -c edsconn -n '__fish_seen_subcommand_from DeleteRouteFromEnhancedConnection route-delete' -l endpoint
complete -c edsconn -n '__fish_seen_subcommand_from DeleteRouteFromEnhancedConnection route-delete' -l fake
complete -c edsconn -n '__fish_seen_subcommand_from DeleteRouteFromEnhancedConnection route-delete' -l fake-activation
complete -c edsconn -n '__fish_seen_subcommand_from DeleteRouteFromEnhancedConnection route-delete' -l name
complete -c edsconn -n '__fish_seen_subcommand_from DeleteRouteFromEnhancedConnection route-delete' -l no-validate
complete -c edsconn -n '__fish_seen_subcommand_from DeleteRouteFromEnhancedConnection route-delete' -o o -x -a 'json table'
complete -c edsconn -n '__fish_seen_subcommand_from DeleteRouteFromEnhancedConnection route-delete' -l project-id
complete -c edsconn -n '__fish_seen_subcommand_from DeleteRouteFromEnhancedConnection route-delete' -l region
complete -c edsconn -n '__fish_seen_subcommand_from DeleteRouteFromEnhancedConnection route-delete' -l timeout
complete -c edsconn -n '__fish_seen_subcommand_from DisassociateQueueFromEnhancedConnection unbind' -l body
complete -c edsconn -n '__fish_seen_subcommand_from DisassociateQueueFromEnhancedConnection unbind' -l connection-id
complete -c edsconn -n '__fish_seen_subcommand_from DisassociateQueueFromEnhancedConnection unbind' -l elastic-resource-pools
complete -c edsconn -n '__fish_seen_subcommand_from DisassociateQueueFromEnhancedConnection unbind' -l endpoint
complete -c edsconn -n '__fish_seen_subcommand_from DisassociateQueueFromEnhancedConnection unbind' -l fake
complete -c edsconn -n '__fish_seen_subcommand_from DisassociateQueueFromEnhancedConnection unbind' -l fake-activation
complete -c edsconn -n '__fish_seen_subcommand_from DisassociateQueueFromEnhancedConnection unbind' -l file -r -F
complete -c edsconn -n '__fish_seen_subcommand_from DisassociateQueueFromEnhancedConnection unbind' -l no-validate
complete -c edsconn -n '__fish_seen_subcommand_from DisassociateQueueFromEnhancedConnection unbind' -o o -x -a 'json table'
complete -c edsconn -n '__fish_seen_subcommand_from DisassociateQueueFromEnhancedConnection unbind' -l pool
complete -c edsconn -n '__fish_seen_subcommand_from DisassociateQueueFromEnhancedConnection unbind' -l project-id
complete -c edsconn -n '__fish_seen_subcommand_from DisassociateQueueFromEnhancedConnection unbind' -l queue
complete -c edsconn -n '__fish_seen_subcommand_from DisassociateQueueFromEnhancedConnection unbind' -l queues
complete -c edsconn -n '__fish_seen_subcommand_from DisassociateQueueFromEnhancedConnection unbind' -l region
complete -c edsconn -n '__fish_seen_subcommand_from DisassociateQueueFromEnhancedConnection unbind' -l timeout
complete -c edsconn -n '__fish_seen_subcommand_from ListAuthorizationPrivileges' -l endpoint
complete -c edsconn -n '__fish_seen_subcommand_from ListAuthorizationPrivileges' -l fake
complete -c edsconn -n '__fish_seen_subcommand_from ListAuthorizationPrivileges' -l fake-activation
complete -c edsconn -n '__fish_seen_subcommand_from ListAuthorizationPrivileges' -l no-validate
complete -c edsconn -n '__fish_seen_subcommand_from ListAuthorizationPrivileges' -o o -x -a 'json table'
complete -c edsconn -n '__fish_seen_subcommand_from ListAuthorizationPrivileges' -l object
complete -c edsconn -n '__fish_seen_subcommand_from ListAuthorizationPrivileges' -l project-id
complete -c edsconn -n '__fish_seen_subcommand_from ListAuthorizationPrivileges' -l region
complete -c edsconn -n '__fish_seen_subcommand_from ListAuthorizationPrivileges' -l timeout
complete -c edsconn -n '__fish_seen_subcommand_from ListEnhancedConnections list' -l all
complete -c edsconn -n '__fish_seen_subcommand_from ListEnhancedConnections list' -l endpoint
complete -c edsconn -n '__fish_seen_subcommand_from ListEnhancedConnections list' -l fake
complete -c edsconn -n '__fish_seen_subcommand_from ListEnhancedConnections list' -l fake-activation
complete -c edsconn -n '__fish_seen_subcommand_from ListEnhancedConnections list' -l limit
complete -c edsconn -n '__fish_seen_subcommand_from ListEnhancedConnections list' -l name
complete -c edsconn -n '__fish_seen_subcommand_from ListEnhancedConnections list' -l no-validate
complete -c edsconn -n '__fish_seen_subcommand_from ListEnhancedConnections list' -o o -x -a 'json table'
complete -c edsconn -n '__fish_seen_subcommand_from ListEnhancedConnections list' -l offset
complete -c edsconn -n '__fish_seen_subcommand_from ListEnhancedConnections list' -l page-size
complete -c edsconn -n '__fish_seen_subcommand_from ListEnhancedConnections list' -l project-id
complete -c edsconn -n '__fish_seen_subcommand_from ListEnhancedConnections list' -l region
complete -c edsconn -n '__fish_seen_subcommand_from ListEnhancedConnections list' -l status
complete -c edsconn -n '__fish_seen_subcommand_from ListEnhancedConnections list' -l tag
complete -c edsconn -n '__fish_seen_subcommand_from ListEnhancedConnections list' -l tags
complete -c edsconn -n '__fish_seen_subcommand_from ListEnhancedConnections list' -l timeout
complete -c edsconn -n '__fish_seen_subcommand_from ListResourcesByTags tags-filter' -l all
complete -c edsconn -n '__fish_seen_subcommand_from ListResourcesByTags tags-filter' -l body
complete -c edsconn -n '__fish_seen_subcommand_from ListResourcesByTags tags-filter' -l endpoint
complete -c edsconn -n '__fish_seen_subcommand_from ListResourcesByTags tags-filter' -l fake
complete -c edsconn -n '__fish_seen_subcommand_from ListResourcesByTags tags-filter' -l fake-activation
complete -c edsconn -n '__fish_seen_subcommand_from ListResourcesByTags tags-filter' -l file -r -F
complete -c edsconn -n '__fish_seen_subcommand_from ListResourcesByTags tags-filter' -l limit
complete -c edsconn -n '__fish_seen_subcommand_from ListResourcesByTags tags-filter' -l matches
complete -c edsconn -n '__fish_seen_subcommand_from ListResourcesByTags tags-filter' -l no-validate
complete -c edsconn -n '__fish_seen_subcommand_from ListResourcesByTags tags-filter' -o o -x -a 'json table'
complete -c edsconn -n '__fish_seen_subcommand_from ListResourcesByTags tags-filter' -l offset
complete -c edsconn -n '__fish_seen_subcommand_from ListResourcesByTags tags-filter' -l page-size
complete -c edsconn -n '__fish_seen_subcommand_from ListResourcesByTags tags-filter' -l project-id
complete -c edsconn -n '__fish_seen_subcommand_from ListResourcesByTags tags-filter' -l region
complete -c edsconn -n '__fish_seen_subcommand_from ListResourcesByTags tags-filter' -l tag
complete -c edsconn -n '__fish_seen_subcommand_from ListResourcesByTags tags-filter' -l tags
complete -c edsconn -n '__fish_seen_subcommand_from ListResourcesByTags tags-filter' -l timeout
complete -c edsconn -n '__fish_seen_subcommand_from ListResourcesByTags tags-filter' -l without-any-tag
complete -c edsconn -n '__fish_seen_subcommand_from ListResourcesTags tags-keys' -l all
complete -c edsconn -n '__fish_seen_subcommand_from ListResourcesTags tags-keys' -l endpoint
complete -c edsconn -n '__fish_seen_subcommand_from ListResourcesTags tags-keys' -l fake
complete -c edsconn -n '__fish_seen_subcommand_from ListResourcesTags tags-keys' -l fake-activation
complete -c edsconn -n '__fish_seen_subcommand_from ListResourcesTags tags-keys' -l limit
complete -c edsconn -n '__fish_seen_subcommand_from ListResourcesTags tags-keys' -l no-validate
complete -c edsconn -n '__fish_seen_subcommand_from ListResourcesTags tags-keys' -o o -x -a 'json table'
complete -c edsconn -n '__fish_seen_subcommand_from ListResourcesTags tags-keys' -l offset
complete -c edsconn -n '__fish_seen_subcommand_from ListResourcesTags tags-keys' -l page-size
complete -c edsconn -n '__fish_seen_subcommand_from ListResourcesTags tags-keys' -l project-id
complete -c edsconn -n '__fish_seen_subcommand_from ListResourcesTags tags-keys' -l region
complete -c edsconn -n '__fish_seen_subcommand_from ListResourcesTags tags-keys' -l timeout
complete -c edsconn -n '__fish_seen_subcommand_from RunAuthorizationAction' -l action
complete -c edsconn -n '__fish_seen_subcommand_from RunAuthorizationAction' -l body
complete -c edsconn -n '__fish_seen_subcommand_from RunAuthorizationAction' -l body-project-id
complete -c edsconn -n '__fish_seen_subcommand_from RunAuthorizationAction' -l clear
complete -c edsconn -n '__fish_seen_subcommand_from RunAuthorizationAction' -l endpoint
complete -c edsconn -n '__fish_seen_subcommand_from RunAuthorizationAction' -l fake
complete -c edsconn -n '__fish_seen_subcommand_from RunAuthorizationAction' -l fake-activation
complete -c edsconn -n '__fish_seen_subcommand_from RunAuthorizationAction' -l file -r -F
complete -c edsconn -n '__fish_seen_subcommand_from RunAuthorizationAction' -l no-validate
complete -c edsconn -n '__fish_seen_subcommand_from RunAuthorizationAction' -o o -x -a 'json table'
complete -c edsconn -n '__fish_seen_subcommand_from RunAuthorizationAction' -l privileges
complete -c edsconn -n '__fish_seen_subcommand_from RunAuthorizationAction' -l project-id
complete -c edsconn -n '__fish_seen_subcommand_from RunAuthorizationAction' -l region
complete -c edsconn -n '__fish_seen_subcommand_from RunAuthorizationAction' -l timeout
complete -c edsconn -n '__fish_seen_subcommand_from RunAuthorizationAction' -l user-name
complete -c edsconn -n '__fish_seen_subcommand_from ShowEnhancedConnection show' -l connection-id
complete -c edsconn -n '__fish_seen_subcommand_from ShowEnhancedConnection show' -l endpoint
complete -c edsconn -n '__fish_seen_subcommand_from ShowEnhancedConnection show' -l fake
complete -c edsconn -n '__fish_seen_subcommand_from ShowEnhancedConnection show' -l fake-activation
complete -c edsconn -n '__fish_seen_subcommand_from ShowEnhancedConnection show' -l no-validate
complete -c edsconn -n '__fish_seen_subcommand_from ShowEnhancedConnection show' -o o -x -a 'json table'
complete -c edsconn -n '__fish_seen_subcommand_from ShowEnhancedConnection show' -l project-id
complete -c edsconn -n '__fish_seen_subcommand_from ShowEnhancedConnection show' -l region
complete -c edsconn -n '__fish_seen_subcommand_from ShowEnhancedConnection show' -l timeout
complete -c edsconn -n '__fish_seen_subcommand_from ShowEnhancedConnectionPrivilege privileges' -l connection-id
complete -c edsconn -n '__fish_seen_subcommand_from ShowEnhancedConnectionPrivilege privileges' -l endpoint
complete -c edsconn -n '__fish_seen_subcommand_from ShowEnhancedConnectionPrivilege privileges' -l fake
complete -c edsconn -n '__fish_seen_subcommand_from ShowEnhancedConnectionPrivilege privileges' -l fake-activation
complete -c edsconn -n '__fish_seen_subcommand_from ShowEnhancedConnectionPrivilege privileges' -l no-validate
complete -c edsconn -n '__fish_seen_subcommand_from ShowEnhancedConnectionPrivilege privileges' -o o -x -a 'json table'
complete -c edsconn -n '__fish_seen_subcommand_from ShowEnhancedConnectionPrivilege privileges' -l project-id
complete -c edsconn -n '__fish_seen_subcommand_from ShowEnhancedConnectionPrivilege privileges' -l region
complete -c edsconn -n '__fish_seen_subcommand_from ShowEnhancedConnectionPrivilege privileges' -l timeout
complete -c edsconn -n '__fish_seen_subcommand_from ShowResourceTags tags' -l all
complete -c edsconn -n '__fish_seen_subcommand_from ShowResourceTags tags' -l connection-id
complete -c edsconn -n '__fish_seen_subcommand_from ShowResourceTags tags' -l endpoint
complete -c edsconn -n '__fish_seen_subcommand_from ShowResourceTags tags' -l fake
complete -c edsconn -n '__fish_seen_subcommand_from ShowResourceTags tags' -l fake-activation
complete -c edsconn -n '__fish_seen_subcommand_from ShowResourceTags tags' -l limit
complete -c edsconn -n '__fish_seen_subcommand_from ShowResourceTags tags' -l no-validate
complete -c edsconn -n '__fish_seen_subcommand_from ShowResourceTags tags' -o o -x -a 'json table'
complete -c edsconn -n '__fish_seen_subcommand_from ShowResourceTags tags' -l offset
complete -c edsconn -n '__fish_seen_subcommand_from ShowResourceTags tags' -l page-size
complete -c edsconn -n '__fish_seen_subcommand_from ShowResourceTags tags' -l project-id
complete -c edsconn -n '__fish_seen_subcommand_from ShowResourceTags tags' -l region
complete -c edsconn -n '__fish_seen_subcommand_from ShowResourceTags tags' -l resource-id
complete -c edsconn -n '__fish_seen_subcommand_from ShowResourceTags tags' -l timeout
complete -c edsconn -n '__fish_seen_subcommand_from UpdateEnhancedConnection update-hosts' -l body
complete -c edsconn -n '__fish_seen_subcommand_from UpdateEnhancedConnection update-hosts' -l clear
complete -c edsconn -n '__fish_seen_subcommand_from UpdateEnhancedConnection update-hosts' -l connection-id
complete -c edsconn -n '__fish_seen_subcommand_from UpdateEnhancedConnection update-hosts' -l endpoint
complete -c edsconn -n '__fish_seen_subcommand_from UpdateEnhancedConnection update-hosts' -l fake
complete -c edsconn -n '__fish_seen_subcommand_from UpdateEnhancedConnection update-hosts' -l fake-activation
complete -c edsconn -n '__fish_seen_subcommand_from UpdateEnhancedConnection update-hosts' -l file -r -F
complete -c edsconn -n '__fish_seen_subcommand_from UpdateEnhancedConnection update-hosts' -l host
complete -c edsconn -n '__fish_seen_subcommand_from UpdateEnhancedConnection update-hosts' -l hosts
complete -c edsconn -n '__fish_seen_subcommand_from UpdateEnhancedConnection update-hosts' -l no-validate
complete -c edsconn -n '__fish_seen_subcommand_from UpdateEnhancedConnection update-hosts' -o o -x -a 'json table'
complete -c edsconn -n '__fish_seen_subcommand_from UpdateEnhancedConnection update-hosts' -l project-id
complete -c edsconn -n '__fish_seen_subcommand_from UpdateEnhancedConnection update-hosts' -l region
complete -c edsconn -n '__fish_seen_subcommand_from UpdateEnhancedConnection update-hosts' -l timeout
complete -c edsconn -n '__fish_seen_subcommand_from wait' -l endpoint
complete -c edsconn -n '__fish_seen_subcommand_from wait' -l fake
complete -c edsconn -n '__fish_seen_subcommand_from wait' -l fake-activation
complete -c edsconn -n '__fish_seen_subcommand_from wait' -l for
complete -c edsconn -n '__fish_seen_subcommand_from wait' -l interval
complete -c edsconn -n '__fish_seen_subcommand_from wait' -l no-validate
complete -c edsconn -n '__fish_seen_subcommand_from wait' -o o -x -a 'json table'
complete -c edsconn -n '__fish_seen_subcommand_from wait' -l progress -x -a 'auto always never'
complete -c edsconn -n '__fish_seen_subcommand_from wait' -l project-id
complete -c edsconn -n '__fish_seen_subcommand_from wait' -l region
complete -c edsconn -n '__fish_seen_subcommand_from wait' -l timeout
complete -c edsconn -n '__fish_seen_subcommand_from grant' -l endpoint
complete -c edsconn -n '__fish_seen_subcommand_from grant' -l fake
complete -c edsconn -n '__fish_seen_subcommand_from grant' -l fake-activation
complete -c edsconn -n '__fish_seen_subcommand_from grant' -l no-validate
complete -c edsconn -n '__fish_seen_subcommand_from grant' -o o -x -a 'json table'
complete -c edsconn -n '__fish_seen_subcommand_from grant' -l project-id
complete -c edsconn -n '__fish_seen_subcommand_from grant' -l region
complete -c edsconn -n '__fish_seen_subcommand_from grant' -l timeout
complete -c edsconn -n '__fish_seen_subcommand_from revoke' -l endpoint
complete -c edsconn -n '__fish_seen_subcommand_from revoke' -l fake
complete -c edsconn -n '__fish_seen_subcommand_from revoke' -l fake-activation
complete -c edsconn -n '__fish_seen_subcommand_from revoke' -l no-validate
complete -c edsconn -n '__fish_seen_subcommand_from revoke' -o o -x -a 'json table'
complete -c edsconn -n '__fish_seen_subcommand_from revoke' -l project-id
complete -c edsconn -n '__fish_seen_subcommand_from revoke' -l region
complete -c edsconn -n '__fish_seen_subcommand_from revoke' -l timeout
complete -c edsconn -n '__fish_seen_subcommand_from demo' -l endpoint
complete -c edsconn -n '__fish_seen_subcommand_from demo' -l fake
complete -c edsconn -n '__fish_seen_subcommand_from demo' -l fake-activation
complete -c edsconn -n '__fish_seen_subcommand_from demo' -l keep
complete -c edsconn -n '__fish_seen_subcommand_from demo' -l name
complete -c edsconn -n '__fish_seen_subcommand_from demo' -l no-validate
complete -c edsconn -n '__fish_seen_subcommand_from demo' -o o -x -a 'json table'
complete -c edsconn -n '__fish_seen_subcommand_from demo' -l project-id
complete -c edsconn -n '__fish_seen_subcommand_from demo' -l queue
complete -c edsconn -n '__fish_seen_subcommand_from demo' -l region
complete -c edsconn -n '__fish_seen_subcommand_from demo' -l subnet
complete -c edsconn -n '__fish_seen_subcommand_from demo' -l timeout
complete -c edsconn -n '__fish_seen_subcommand_from demo' -l vpc
complete -c edsconn -n '__fish_seen_subcommand_from demo' -l wait-for
complete -c edsconn -n '__fish_seen_subcommand_from config' -l check
complete -c edsconn -n '__fish_seen_subcommand_from config' -l endpoint
complete -c edsconn -n '__fish_seen_subcommand_from config' -l fake
complete -c edsconn -n '__fish_seen_subcommand_from config' -l fake-activation
complete -c edsconn -n '__fish_seen_subcommand_from config' -l no-validate
complete -c edsconn -n '__fish_seen_subcommand_from config' -o o -x -a 'json table'
complete -c edsconn -n '__fish_seen_subcommand_from config' -l project-id
complete -c edsconn -n '__fish_seen_subcommand_from config' -l region
complete -c edsconn -n '__fish_seen_subcommand_from config' -l timeout
complete -c edsconn -n '__fish_seen_subcommand_from version' -o o -x -a 'json table'
