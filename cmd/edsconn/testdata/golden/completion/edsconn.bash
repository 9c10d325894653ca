# bash completion for edsconn, written by `edsconn completion bash`.
_edsconn() {
    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}
    local commands="AssociateQueueToEnhancedConnection bind CreateEnhancedConnection create CreateEnhancedConnectionRoutes CreateRouteToEnhancedConnection route-add DeleteEnhancedConnection delete DeleteEnhancedConnectionRoutes DeleteRouteFromEnhancedConnection route-delete DisassociateQueueFromEnhancedConnection unbind ListEnhancedConnections list ShowEnhancedConnection show ShowEnhancedConnectionPrivilege privileges UpdateEnhancedConnection update-hosts wait demo fake-server version completion help"
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
        AssociateQueueToEnhancedConnection|bind) flags="--body --elastic-resource-pools --endpoint --fake --fake-activation --file --no-validate -o --pool --project-id --queue --queues --region --timeout" ;;
        CreateEnhancedConnection|create) flags="--body --dest-network-id --dest-vpc-id --elastic-resource-pools --endpoint --fake --fake-activation --file --host --hosts --name --no-validate -o --pool --project-id --queue --queues --region --routetable --routetable-id --subnet --tag --tags --timeout --vpc" ;;
        CreateEnhancedConnectionRoutes) flags="--body --cidr --endpoint --fake --fake-activation --file --name --no-validate -o --project-id --region --timeout" ;;
        CreateRouteToEnhancedConnection|route-add) flags="--body --cidr --endpoint --fake --fake-activation --file --name --no-validate -o --project-id --region --timeout" ;;
        DeleteEnhancedConnection|delete) flags="--endpoint --fake --fake-activation --no-validate -o --project-id --region --timeout" ;;
        DeleteEnhancedConnectionRoutes) flags="--endpoint --fake --fake-activation --no-validate -o --project-id --region --timeout" ;;
        DeleteRouteFromEnhancedConnection|route-delete) flags="--endpoint --fake --fake-activation --no-validate -o --project-id --region --timeout" ;;
        DisassociateQueueFromEnhancedConnection|unbind) flags="--body --elastic-resource-pools --endpoint --fake --fake-activation --file --no-validate -o --pool --project-id --queue --queues --region --timeout" ;;
        ListEnhancedConnections|list) flags="--all --endpoint --fake --fake-activation --limit --name --no-validate -o --offset --page-size --project-id --region --status --tags --timeout" ;;
        ShowEnhancedConnection|show) flags="--endpoint --fake --fake-activation --no-validate -o --project-id --region --timeout" ;;
        ShowEnhancedConnectionPrivilege|privileges) flags="--endpoint --fake --fake-activation --no-validate -o --project-id --region --timeout" ;;
        UpdateEnhancedConnection|update-hosts) flags="--body --clear --endpoint --fake --fake-activation --file --host --hosts --no-validate -o --project-id --region --timeout" ;;
        wait) flags="--endpoint --fake --fake-activation --for --interval --no-validate -o --progress --project-id --region --timeout" ;;
        demo) flags="--endpoint --fake --fake-activation --keep --name --no-validate -o --project-id --queue --region --subnet --timeout --vpc --wait-for" ;;
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
