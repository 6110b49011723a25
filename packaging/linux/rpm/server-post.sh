# handover-server %post: the service user, its data directory, and the unit under the system's preset policy.
getent group handover >/dev/null || groupadd --system handover
getent passwd handover >/dev/null || \
    useradd --system --gid handover --home-dir /var/lib/handover --no-create-home \
        --shell /sbin/nologin --comment "Handover server" handover
if [ ! -d /var/lib/handover ]; then
    install -d -o handover -g handover -m 0750 /var/lib/handover
fi
chgrp handover /etc/handover/server.env 2>/dev/null || :
if [ -d /run/systemd/system ]; then
    systemctl daemon-reload >/dev/null 2>&1 || :
    if [ "$1" -eq 1 ]; then
        systemctl preset handover-server.service >/dev/null 2>&1 || :
    fi
fi
