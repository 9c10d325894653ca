# bash completion for edsconn, written by `edsconn completion bash`.
_edsconn() {
    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}
    local commands="AssociateQueueToEnhancedConnection bind BatchCreateResourceTags tags-add BatchDeleteResourceTags tags-delete CountResourcesByTags tags-count CreateEnhancedConnection create CreateEnhancedConnectionRoutes CreateRouteToEnhancedConnection route-add DeleteEnhancedConnection delete DeleteEnhancedConnectionRoutes DeleteRouteFromEnhancedConnection route-delete DisassociateQueueFromEnhancedConnection unbind ListAuthorizationPrivileges ListEnhancedConnections list ListResourcesByTags tags-filter ListResourcesTags tags-keys RunAuthorizationAction ShowEnhancedConnection show ShowEnhancedConnectionPrivilege privileges ShowResourceTags tags UpdateEnhancedConnection update-hosts wait grant revoke demo config fake-server version completion help"
    if [ "$COMP_CWORD" -eq 1 ]; then
        COMPREPLY=($(compgen -W "$commands" -- "$cur"))
        return
    fi
    case $prev in
        -o|--o) COMPREPLY=($(compgen -W "json table" -- "$cur")); return ;;
        --progress) COMPREPLY=($(compgen -W "auto always never" -- "$cur")); return ;;
        --file) COMPREPLY=($(compgen -f -- "$cur")); return ;;
    esac
    local flags=
    case ${COMP_WORDS[1]} in
        AssociateQueueToEnhancedConnection|bind) flags="--body --connection-id --elastic-resource-pools --endpoint --fake --fake-activation --file --no-validate -o --pool --project-id --queue --queues --region --timeout" ;;
        BatchCreateResourceTags|tags-add) flags="--body --connection-id --endpoint --fake --fake-activation --file --no-validate -o --project-id --region --resource-id --tag --tags --timeout" ;;
        BatchDeleteResourceTags|tags-delete) flags="--body --connection-id --endpoint --fake --fake-activation --file --no-validate -o --project-id --region --resource-id --tag --tags --timeout" ;;
        CountResourcesByTags|tags-count) flags="--body --endpoint --fake --fake-activation --file --matches --no-validate -o --project-id --region --tag --tags --timeout --without-any-tag" ;;
        CreateEnhancedConnection|create) flags="--body --dest-network-id --dest-vpc-id --elastic-resource-pools --endpoint --fake --fake-activation --file --host --hosts --name --no-validate -o --pool --project-id --queue --queues --region --routetable --routetable-id --subnet --tag --tags --timeout --vpc" ;;
        CreateEnhancedConnectionRoutes) flags="--body --cidr --connection-id --endpoint --fake --fake-activation --file --name --no-validate -o --project-id --region --timeout" ;;
        CreateRouteToEnhancedConnection|route-add) flags="--body --cidr --connection-id --endpoint --fake --fake-activation --file --name --no-validate -o --project-id --region --timeout" ;;
        DeleteEnhancedConnection|delete) flags="--connection-id --endpoint --fake --fake-activation --no-validate -o --project-id --region --timeout" ;;
        DeleteEnhancedConnectionRoutes) flags="--connection-id --endpoint --fake --fake-activation --name --no-validate -o --project-id --region --timeout" ;;
        DeleteRouteFromEnhancedConnection|route-delete) flags="--connection-id --endpoint --fake --fake-activation --name --no-validate -o --project-id --region --timeout" ;;
        DisassociateQueueFromEnhancedConnection|unbind) flags="--body --connection-id --elastic-resource-pools --endpoint --fake --fake-activation --file --no-validate -o --pool --project-id --queue --queues --region --timeout" ;;
        ListAuthorizationPrivileges) flags="--endpoint --fake --fake-activation --no-validate -o --object --project-id --region --timeout" ;;
        ListEnhancedConnections|list) flags="--all --endpoint --fake --fake-activation --limit --name --no-validate -o --offset --page-size --project-id --region --status --tag --tags --timeout" ;;
        ListResourcesByTags|tags-filter) flags="--all --body --endpoint --fake --fake-activation --file --limit --matches --no-validate -o --offset --page-size --project-id --region --tag --tags --timeout --without-any-tag" ;;
        ListResourcesTags|tags-keys) flags="--all --endpoint --fake --fake-activation --limit --no-validate -o --offset --page-size --project-id --region --timeout" ;;
        RunAuthorizationAction) flags="--action --body --body-project-id --clear --endpoint --fake --fake-activation --file --no-validate -o --privileges --project-id --region --timeout --user-name" ;;
        ShowEnhancedConnection|show) flags="--connection-id --endpoint --fake --fake-activation --no-validate -o --project-id --region --timeout" ;;
        ShowEnhancedConnectionPrivilege|privileges) flags="--connection-id --endpoint --fake --fake-activation --no-validate -o --project-id --region --timeout" ;;
        ShowResourceTags|tags) flags="--all --connection-id --endpoint --fake --fake-activation --limit --no-validate -o --offset --page-size --project-id --region --resource-id --timeout" ;;
        UpdateEnhancedConnection|update-hosts) flags="--body --clear --connection-id --endpoint --fake --fake-activation --file --host --hosts --no-validate -o --project-id --region --timeout" ;;
        wait) flags="--endpoint --fake --fake-activation --for --interval --no-validate -o --progress --project-id --region --timeout" ;;
        grant) flags="--endpoint --fake --fake-activation --no-validate -o --project-id --region --timeout" ;;
        revoke) flags="--endpoint --fake --fake-activation --no-validate -o --project-id --region --timeout" ;;
        demo) flags="--endpoint --fake --fake-activation --keep --name --no-validate -o --project-id --queue --region --subnet --timeout --vpc --wait-for" ;;
        config) flags="--check --endpoint --fake --fake-activation --no-validate -o --project-id --region --timeout" ;;
        fake-server) flags="" ;;
        version) flags="-o" ;;
        completion) COMPREPLY=($(compgen -W "bash zsh fish" -- "$cur")); return ;;
        help) COMPREPLY=($(compgen -W "$commands" -- "$cur")); return ;;
    esac
    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "$flags" -- "$cur"))
    fi
}
complete -o default -F _edsconn edsconn
