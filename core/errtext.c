/* SPDX-License-Identifier: MIT */
/* errtext.c - the text of an errno value as glibc words it.  open-iscsi's
 * messages end in glibc's strerror() text ("cannot make connection to
 * ADDR: Connection timed out"), and 74 of musl's 134 texts differ
 * ("Operation timed out", "Host is unreachable"), so ours come from this
 * table rather than from musl's strerror; it costs about 1 KB more than
 * musl's table, which it replaces. */
#include "core/errtext.h"

#include "core/strlist.h"

/* Linux errno 0..ERRTEXT_N-1, in order, glibc 2.36's words. */
#define ERRTEXT_N 134
static const char texts[] =
	"Success\0Operation not permitted\0No such file or directory\0"
	"No such process\0Interrupted system call\0Input/output error\0"
	"No such device or address\0Argument list too long\0Exec format error\0"
	"Bad file descriptor\0No child processes\0Resource temporarily unavailable\0"
	"Cannot allocate memory\0Permission denied\0Bad address\0"
	"Block device required\0Device or resource busy\0File exists\0"
	"Invalid cross-device link\0No such device\0Not a directory\0Is a directory\0"
	"Invalid argument\0Too many open files in system\0Too many open files\0"
	"Inappropriate ioctl for device\0Text file busy\0File too large\0"
	"No space left on device\0Illegal seek\0Read-only file system\0"
	"Too many links\0Broken pipe\0Numerical argument out of domain\0"
	"Numerical result out of range\0Resource deadlock avoided\0"
	"File name too long\0No locks available\0Function not implemented\0"
	"Directory not empty\0Too many levels of symbolic links\0Unknown error 41\0"
	"No message of desired type\0Identifier removed\0"
	"Channel number out of range\0Level 2 not synchronized\0Level 3 halted\0"
	"Level 3 reset\0Link number out of range\0Protocol driver not attached\0"
	"No CSI structure available\0Level 2 halted\0Invalid exchange\0"
	"Invalid request descriptor\0Exchange full\0No anode\0Invalid request code\0"
	"Invalid slot\0Unknown error 58\0Bad font file format\0Device not a stream\0"
	"No data available\0Timer expired\0Out of streams resources\0"
	"Machine is not on the network\0Package not installed\0Object is remote\0"
	"Link has been severed\0Advertise error\0Srmount error\0"
	"Communication error on send\0Protocol error\0Multihop attempted\0"
	"RFS specific error\0Bad message\0Value too large for defined data type\0"
	"Name not unique on network\0File descriptor in bad state\0"
	"Remote address changed\0Can not access a needed shared library\0"
	"Accessing a corrupted shared library\0.lib section in a.out corrupted\0"
	"Attempting to link in too many shared libraries\0"
	"Cannot exec a shared library directly\0"
	"Invalid or incomplete multibyte or wide character\0"
	"Interrupted system call should be restarted\0Streams pipe error\0"
	"Too many users\0Socket operation on non-socket\0"
	"Destination address required\0Message too long\0"
	"Protocol wrong type for socket\0Protocol not available\0"
	"Protocol not supported\0Socket type not supported\0Operation not supported\0"
	"Protocol family not supported\0Address family not supported by protocol\0"
	"Address already in use\0Cannot assign requested address\0Network is down\0"
	"Network is unreachable\0Network dropped connection on reset\0"
	"Software caused connection abort\0Connection reset by peer\0"
	"No buffer space available\0Transport endpoint is already connected\0"
	"Transport endpoint is not connected\0"
	"Cannot send after transport endpoint shutdown\0"
	"Too many references: cannot splice\0Connection timed out\0"
	"Connection refused\0Host is down\0No route to host\0"
	"Operation already in progress\0Operation now in progress\0"
	"Stale file handle\0Structure needs cleaning\0Not a XENIX named type file\0"
	"No XENIX semaphores available\0Is a named type file\0Remote I/O error\0"
	"Disk quota exceeded\0No medium found\0Wrong medium type\0"
	"Operation canceled\0Required key not available\0Key has expired\0"
	"Key has been revoked\0Key was rejected by service\0Owner died\0"
	"State not recoverable\0Operation not possible due to RF-kill\0"
	"Memory page has hardware error\0";

const char *errtext(int e)
{
	return strlist_at(texts, ERRTEXT_N, e, "Unknown error");
}
