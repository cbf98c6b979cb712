#!/bin/sh
# Runs a daemon with a private /dev/log: start it as
#   unshare --mount --propagation private sh private-devlog.sh SOCKET SCRATCH COMMAND [ARG...]
# In the new mount namespace /dev becomes a small tmpfs holding the host's null, zero, full, random,
# urandom, pts and shm (bind mounts) and a log entry bound to SOCKET, the suite's own rsyslog socket.
# Nothing outside the namespace changes, and it all goes away with the daemon. Arguments are used as
# they are: nothing is evaluated.
set -eu
sock=$1
scratch=$2
shift 2
mkdir -p "$scratch/host-dev"
mount --rbind /dev "$scratch/host-dev"
mount -t tmpfs -o mode=755,size=64k authaudit-dev /dev
for n in null zero full random urandom tty; do
  if [ -e "$scratch/host-dev/$n" ]; then
    : > "/dev/$n"
    mount --bind "$scratch/host-dev/$n" "/dev/$n"
  fi
done
for d in pts shm; do
  mkdir "/dev/$d"
  mount --rbind "$scratch/host-dev/$d" "/dev/$d"
done
ln -s /proc/self/fd /dev/fd
ln -s /proc/self/fd/0 /dev/stdin
ln -s /proc/self/fd/1 /dev/stdout
ln -s /proc/self/fd/2 /dev/stderr
: > /dev/log
mount --bind "$sock" /dev/log
umount -l "$scratch/host-dev"
exec "$@"
