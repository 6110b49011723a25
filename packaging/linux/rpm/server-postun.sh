# handover-server %postun: reload units; after an upgrade, restart a running service on the new binary.
# The database in /var/lib/handover and the handover user are kept on erase.
if [ -d /run/systemd/system ]; then
    systemctl daemon-reload >/dev/null 2>&1 || :
    if [ "$1" -ge 1 ]; then
        systemctl try-restart handover-server.service >/dev/null 2>&1 || :
    fi
fi
