#!/usr/bin/env python3
# The restart loop of issue 13, as systemd's Restart=on-failure makes it: a fresh install whose `watch`
# is killed with SIGKILL 2-6 s after each start (KILLS times, seeded) while a writer appends 200,000
# Exim lines at 5,000 lines/s to a log that already holds 36 MB of the last two hours (a warm-up of
# about 25 s on two cores). Then one more start follows to the end and is stopped with SIGTERM.
# Prints how many of the lines written after the first start were handled (watch's hidden
# --trace-handled records them in the checkpoint's transaction), lost, or handled twice.
#
#   bench/crashloop.py                    # after `mvn -B -q -DskipTests package`
#   KILLS=10 SEED=7 bench/crashloop.py
# Local files only (a temporary folder); about two minutes.
import os, sys, time, random, subprocess, sqlite3, threading, datetime, signal, tempfile
random.seed(int(os.environ.get('SEED', '13')))
KILLS = int(os.environ.get('KILLS', '6'))
D = tempfile.mkdtemp(prefix='authaudit-crashloop-')
log = D + '/exim_mainlog'; state = D + '/state'
AA = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'authaudit')
now = datetime.datetime.utcnow().replace(microsecond=0)
# 36 MB of history from the last two hours
with open(log, 'w') as f:
    n = 0; size = 0
    t0 = now - datetime.timedelta(hours=2)
    while size < 36 * 1024 * 1024:
        t = t0 + datetime.timedelta(seconds=n * 7200 / 300000)
        l = '%s dovecot_login authenticator failed for (x) [198.51.100.%d]:55379: 535 Incorrect authentication data (set_id=old%d@example.com)\n' % (t.strftime('%Y-%m-%d %H:%M:%S'), n % 200 + 1, n % 5000)
        f.write(l); size += len(l); n += 1
print('history lines', n, 'bytes', os.path.getsize(log))
written = []
stop = False
def writer():
    i = 0
    start = time.time()
    while i < 200000 and not stop:
        t = datetime.datetime.utcnow().strftime('%Y-%m-%d %H:%M:%S')
        batch = []
        for _ in range(50):
            l = '%s dovecot_login authenticator failed for (x) [203.0.113.%d]:55379: 535 Incorrect authentication data (set_id=new%d@example.com)' % (t, i % 200 + 1, i)
            batch.append(l); i += 1
        with open(log, 'a') as f:
            f.write('\n'.join(batch) + '\n')
        written.extend(batch)
        due = start + i / 5000.0
        d = due - time.time()
        if d > 0: time.sleep(d)
procs = []
import atexit
atexit.register(lambda: [q.kill() for q in procs if q.poll() is None])
def start(k):
    procs.append(subprocess.Popen([AA, 'watch', '--tz', 'UTC', '--state', state, '--trace-handled', log],
                            stdout=open(D + '/run%d.out' % k, 'w'), stderr=open(D + '/run%d.err' % k, 'w')))
    return procs[-1]
def cp():
    try:
        c = sqlite3.connect(state + '/authaudit.db'); r = c.execute('select inode, byte_offset from follow_checkpoint').fetchone(); c.close(); return r
    except Exception: return None
p = start(0)
t_start = time.time()
while cp() is None: time.sleep(0.05)
print('first checkpoint %.1f s after start' % (time.time() - t_start))
w = threading.Thread(target=writer); w.start()
for k in range(KILLS):
    time.sleep(random.uniform(2, 6))
    p.kill(); p.wait()
    e = open(D + '/run%d.err' % k).read()
    print('run %d killed: %s' % (k, 'live' if 'authaudit: following' in e else 'in warm-up'))
    p = start(k + 1)
w.join()
size = os.path.getsize(log)
t = time.time()
while (cp() or (0, 0))[1] != size:
    time.sleep(0.1)
    if time.time() - t > 300: print('no catch-up within 300 s'); break
print('caught up %.1f s after the writer ended' % (time.time() - t))
p.send_signal(signal.SIGTERM); rc = p.wait(timeout=60)
c = sqlite3.connect(state + '/authaudit.db')
rows = dict(c.execute('select text, count(*) from watch_trace group by text').fetchall())
lost = sum(1 for l in written if l not in rows)
twice = sum(1 for v in rows.values() if v > 1)
print('SIGTERM exit', rc)
print('lines written after the first start %d, handled %d, lost %d, handled twice %d' % (len(written), sum(1 for l in written if l in rows), lost, twice))
err = open(D + '/run%d.err' % KILLS).read()
print('\n'.join(l for l in err.splitlines() if 'warm-up' in l or 'did not finish' in l))
os.system('rm -rf ' + D)
