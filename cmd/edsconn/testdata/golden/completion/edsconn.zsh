#compdef edsconn
# zsh completion for edsconn, written by `edsconn completion zsh`.
_edsconn() {
  local -a commands flags
  commands=(
    'AssociateQueueToEnhancedConnection:Bind queues or elastic resource pools'
    'bind:Bind queues or elastic resource pools (AssociateQueueToEnhancedConnection)'
    'BatchCreateResourceTags:Add tags to a connection'
    'tags-add:Add tags to a connection (BatchCreateResourceTags)'
    'BatchDeleteResourceTags:Remove tags from a connection'
    'tags-delete:Remove tags from a connection (BatchDeleteResourceTags)'
    'CountResourcesByTags:Count connections by tags'
    'tags-count:Count connections by tags (CountResourcesByTags)'
    'CreateEnhancedConnection:Create an enhanced connection'
    'create:Create an enhanced connection (CreateEnhancedConnection)'
    'CreateEnhancedConnectionRoutes:Add a route (deprecated v2.0 path)'
    'CreateRouteToEnhancedConnection:Add a route to a connection'
    'route-add:Add a route to a connection (CreateRouteToEnhancedConnection)'
    'DeleteEnhancedConnection:Delete an enhanced connection'
    'delete:Delete an enhanced connection (DeleteEnhancedConnection)'
    'DeleteEnhancedConnectionRoutes:Delete a route (deprecated v2.0 path)'
    'DeleteRouteFromEnhancedConnection:Delete a route of a connection'
    'route-delete:Delete a route of a connection (DeleteRouteFromEnhancedConnection)'
    'DisassociateQueueFromEnhancedConnection:Unbind queues or elastic resource pools'
    'unbind:Unbind queues or elastic resource pools (DisassociateQueueFromEnhancedConnection)'
    'ListAuthorizationPrivileges:List the privileges granted on an object'
    'ListEnhancedConnections:List enhanced connections'
    'list:List enhanced connections (ListEnhancedConnections)'
    'ListResourcesByTags:List connections by tags'
    'tags-filter:List connections by tags (ListResourcesByTags)'
    'ListResourcesTags:List the tags of the project'\''s connections'
    'tags-keys:List the tags of the project'\''s connections (ListResourcesTags)'
    'RunAuthorizationAction:Grant, revoke or update a project'\''s access to a connection'
    'ShowEnhancedConnection:Show one enhanced connection'
    'show:Show one enhanced connection (ShowEnhancedConnection)'
    'ShowEnhancedConnectionPrivilege:List the projects granted access to a connection'
    'privileges:List the projects granted access to a connection (ShowEnhancedConnectionPrivilege)'
    'ShowResourceTags:Show the tags of a connection'
    'tags:Show the tags of a connection (ShowResourceTags)'
    'UpdateEnhancedConnection:Replace the hosts of a connection'
    'update-hosts:Replace the hosts of a connection (UpdateEnhancedConnection)'
    'wait:Wait until a connection and the peering of every queue and pool are ACTIVE'
    'grant:Share a connection with another project (BIND_QUEUE, through RunAuthorizationAction)'
    'revoke:Withdraw a project'\''s access to a connection (through RunAuthorizationAction)'
    'demo:The documented procedure\: create, wait until ACTIVE, show, list, delete'
    'config:Show the region, endpoint, project and where the credentials come from (never a secret)'
    'fake-server:Serve the fake DLI for other tools (default 127.0.0.1\:8080)'
    'version:Print the module'\''s version, the spec'\''s info.version and Go'\''s version'
    'completion:Print a completion script for bash, zsh or fish'
    'help:Print the help of the CLI, or of a command'
  )
  if (( CURRENT == 2 )); then
    _describe -t commands 'edsconn command' commands
    return
  fi
  case ${words[CURRENT-1]} in
    (-o|--o) compadd json table; return ;;
    (--progress) compadd auto always never; return ;;
    (--file) _files; return ;;
  esac
  case ${words[2]} in
    (AssociateQueueToEnhancedConnection|bind) flags=(--body --connection-id --elastic-resource-pools --endpoint --fake --fake-activation --file --no-validate -o --pool --project-id --queue --queues --region --timeout) ;;
    (BatchCreateResourceTags|tags-add) flags=(--body --connection-id --endpoint --fake --fake-activation --file --no-validate -o --project-id --region --resource-id --tag --tags --timeout) ;;
    (BatchDeleteResourceTags|tags-delete) flags=(--body --connection-id --endpoint --fake --fake-activation --file --no-validate -o --project-id --region --resource-id --tag --tags --timeout) ;;
    (CountResourcesByTags|tags-count) flags=(--body --endpoint --fake --fake-activation --file --matches --no-validate -o --project-id --region --tag --tags --timeout --without-any-tag) ;;
    (CreateEnhancedConnection|create) flags=(--body --dest-network-id --dest-vpc-id --elastic-resource-pools --endpoint --fake --fake-activation --file --host --hosts --name --no-validate -o --pool --project-id --queue --queues --region --routetable --routetable-id --subnet --tag --tags --timeout --vpc) ;;
    (CreateEnhancedConnectionRoutes) flags=(--body --cidr --connection-id --endpoint --fake --fake-activation --file --name --no-validate -o --project-id --region --timeout) ;;
    (CreateRouteToEnhancedConnection|route-add) flags=(--body --cidr --connection-id --endpoint --fake --fake-activation --file --name --no-validate -o --project-id --region --timeout) ;;
    (DeleteEnhancedConnection|delete) flags=(--connection-id --endpoint --fake --fake-activation --no-validate -o --project-id --region --timeout) ;;
    (DeleteEnhancedConnectionRoutes) flags=(--connection-id --endpoint --fake --fake-activation --name --no-validate -o --project-id --region --timeout) ;;
    (DeleteRouteFromEnhancedConnection|route-delete) flags=(--connection-id --endpoint --fake --fake-activation --name --no-validate -o --project-id --region --timeout) ;;
    (DisassociateQueueFromEnhancedConnection|unbind) flags=(--body --connection-id --elastic-resource-pools --endpoint --fake --fake-activation --file --no-validate -o --pool --project-id --queue --queues --region --timeout) ;;
    (ListAuthorizationPrivileges) flags=(--endpoint --fake --fake-activation --no-validate -o --object --project-id --region --timeout) ;;
    (ListEnhancedConnections|list) flags=(--all --endpoint --fake --fake-activation --limit --name --no-validate -o --offset --page-size --project-id --region --status --tag --tags --timeout) ;;
    (ListResourcesByTags|tags-filter) flags=(--all --body --endpoint --fake --fake-activation --file --limit --matches --no-validate -o --offset --page-size --project-id --region --tag --tags --timeout --without-any-tag) ;;
    (ListResourcesTags|tags-keys) flags=(--all --endpoint --fake --fake-activation --limit --no-validate -o --offset --page-size --project-id --region --timeout) ;;
    (RunAuthorizationAction) flags=(--action --body --body-project-id --clear --endpoint --fake --fake-activation --file --no-validate -o --privileges --project-id --region --timeout --user-name) ;;
    (ShowEnhancedConnection|show) flags=(--connection-id --endpoint --fake --fake-activation --no-validate -o --project-id --region --timeout) ;;
    (ShowEnhancedConnectionPrivilege|privileges) flags=(--connection-id --endpoint --fake --fake-activation --no-validate -o --project-id --region --timeout) ;;
    (ShowResourceTags|tags) flags=(--all --connection-id --endpoint --fake --fake-activation --limit --no-validate -o --offset --page-size --project-id --region --resource-id --timeout) ;;
    (UpdateEnhancedConnection|update-hosts) flags=(--body --clear --connection-id --endpoint --fake --fake-activation --file --host --hosts --no-validate -o --project-id --region --timeout) ;;
    (wait) flags=(--endpoint --fake --fake-activation --for --interval --no-validate -o --progress --project-id --region --timeout) ;;
    (grant) flags=(--endpoint --fake --fake-activation --no-validate -o --project-id --region --timeout) ;;
    (revoke) flags=(--endpoint --fake --fake-activation --no-validate -o --project-id --region --timeout) ;;
    (demo) flags=(--endpoint --fake --fake-activation --keep --name --no-validate -o --project-id --queue --region --subnet --timeout --vpc --wait-for) ;;
    (config) flags=(--check --endpoint --fake --fake-activation --no-validate -o --project-id --region --timeout) ;;
    (fake-server) flags=() ;;
    (version) flags=(-o) ;;
    (completion) compadd bash zsh fish; return ;;
    (help) _describe -t commands 'edsconn command' commands; return ;;
  esac
  if [[ $PREFIX == -* ]]; then
    compadd -- $flags
  else
    _files
  fi
}
if [[ $funcstack[1] == _edsconn ]]; then
  _edsconn "$@"
else
  compdef _edsconn edsconn
fi
