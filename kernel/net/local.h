/*
 * local.h - local sockets: sequenced-packet connections between processes, reached
 * only through files (Plan 9 style). Opening sys:/net/local/new makes a socket and
 * returns its handle; reading the handle gives the socket's id (decimal text plus a
 * terminating NUL, so read(handle, id, 32) yields a C string); closing the handle frees
 * the socket. sys:/net/local/<id>/ holds `ctl` (commands), `data` (a connected client's
 * messages) and `accept` (opening it takes one connection). Sibling IPC: ipc/pipe.h;
 * the sys: plumbing: fs/sysfs.h. Design notes: docs/design/ipc.md.
 */
#ifndef NET_LOCAL_H
#define NET_LOCAL_H

#include <stdint.h>

#define SOCKET_NAME_MAX 63             /**< longest bind name (printable, no spaces) */
#define SOCKET_MSG_MAX (64u * 1024)    /**< largest message one write may send */
#define SOCKET_BUFFER (256u * 1024)    /**< bytes queued per direction before writers wait */

/*
 * The files, with n the byte count of a read or write:
 *
 * new: every open makes a socket (-ENOMEM). read: the id text and its NUL from the
 *   file offset (0 once read). write: -EINVAL. close: frees the socket; its name is
 *   free again at once; its peer(s) see end of file and EPIPE; open files of its
 *   directory fail with -EIO from then on (also accepted connections: they live in
 *   the server's `accept` file, so they end with the server's handle).
 * ctl: write one command (one trailing newline ignored):
 *   `bind <name>`    (new socket only) name 1..63 printable non-space characters;
 *                    -EADDRINUSE if another live socket has it.
 *   `listen`         (bound, not yet listening).
 *   `connect <name>` (new socket only) -ECONNREFUSED if no socket listens on name;
 *                    the connection is usable at once (queued for the server's accept).
 *   Unknown command, wrong argument count, bad name, wrong state: -EINVAL, and
 *   nothing changes. Returns n. read: -EINVAL.
 * data (client side, after connect) and an open of `accept` (server side):
 *   write: sends the n bytes as one message (1..SOCKET_MSG_MAX, else -EINVAL; n == 0
 *     sends nothing and returns 0; the write system call hands a socket a user write
 *     whole, so a larger one fails with -EINVAL). Waits while SOCKET_BUFFER bytes are queued towards
 *     the peer (-EAGAIN with nonblock). -EPIPE once the peer is closed. -EINTR.
 *   read: waits for a message and returns min(n, its length) bytes of it; a message
 *     is always consumed whole: bytes beyond n are discarded (as SOCK_SEQPACKET). 0 at
 *     end of file (peer closed and nothing queued). -EAGAIN (nonblock, nothing queued),
 *     -EINTR. n == 0 returns 0 and consumes nothing.
 *   data of a socket that is not a connected client: -ENOTCONN.
 * accept: opening waits until a client connects (-EAGAIN with ?nonblock, -EINVAL if
 *   the socket is not listening, -EINTR, -EIO if the socket is closed meanwhile).
 * Permission: ctl, data and accept open only for the creating process and its
 *   descendants (-EACCES otherwise); kernel threads may open any socket.
 * Locking: one spinlock for all socket state (message copies run outside it);
 *   callbacks may sleep. O(sockets bound) for bind/connect, O(1) otherwise.
 */

/**
 * Registers sys:/net/local/new. Once, after fs_init and pipe_init. Panics if the sys:
 * entries cannot be made (out of memory at boot). May sleep.
 */
void socket_init(void);

/** Sockets alive (made and not yet freed), for leak checks. Racy. O(1). */
uint64_t socket_count(void);

#endif
