#!/bin/sh
# Installed as /usr/local/bin/authaudit: runs the jar from /usr/share/authaudit (rules/ beside it).
export AUTHAUDIT_HOME="${AUTHAUDIT_HOME:-/usr/share/authaudit}"
exec java ${AUTHAUDIT_JAVA_OPTS:-} -jar "$AUTHAUDIT_HOME/authaudit.jar" "$@"
