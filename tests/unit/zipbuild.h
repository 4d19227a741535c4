/*
 * zipbuild.h: a zip writer for tests that need every field of a record in
 * hand: the layouts that real tools write (bsdtar, macOS Archive Utility,
 * zip -fd) and the lies a hostile archive tells.  Included by the test
 * files that use it; everything is static.
 *
 * An entry is described by struct zb_entry; zb_add() writes its local
 * header, data and data descriptor, and keeps its central header, which
 * zb_finish() writes after the data with the end record.  Each local field
 * (CRC, compressed size, uncompressed size) is written as given in the
 * local_* fields, so that a test states each layout field by field.
 */
#ifndef ZIPBUILD_H
#define ZIPBUILD_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

enum zb_descriptor {
	ZB_NO_DESCRIPTOR = 0,
	ZB_DESCRIPTOR_SIG32,	/* PK\7\8, CRC, 4-byte sizes */
	ZB_DESCRIPTOR_BARE32,	/* CRC, 4-byte sizes */
	ZB_DESCRIPTOR_SIG64,	/* PK\7\8, CRC, 8-byte sizes */
	ZB_DESCRIPTOR_BARE64,	/* CRC, 8-byte sizes */
};

struct zb_entry {
	const char *name;
	const char *local_name;		/* NULL: the same as name */
	uint16_t flags;			/* general purpose bits */
	uint16_t method;		/* 0 store, 8 deflate */
	const unsigned char *comp;	/* the stored bytes */
	size_t comp_len;
	uint32_t crc;			/* of the uncompressed content */
	uint32_t usize;			/* uncompressed size */
	uint32_t local_crc, local_csize, local_usize;
	const unsigned char *local_extra, *central_extra;
	size_t local_extra_len, central_extra_len;
	enum zb_descriptor descriptor;
	uint32_t descriptor_crc;	/* what the descriptor says */
	uint16_t made_by;		/* version made by, with the system */
	uint32_t external;		/* external attributes */
	int at_offset;			/* the central header points at */
	uint32_t offset;		/* this offset, not at its own */
};

struct zb {
	unsigned char *p;
	size_t len, cap;
	unsigned char *cd;
	size_t cd_len, cd_cap;
	unsigned count;
};

static __attribute__((unused)) void
zb_put(unsigned char **p, size_t *len, size_t *cap, const void *data,
       size_t n)
{
	if (*len + n > *cap) {
		*cap = (*len + n) * 2 + 64;
		*p = realloc(*p, *cap);
		if (*p == NULL)
			abort();
	}
	memcpy(*p + *len, data, n);
	*len += n;
}

static __attribute__((unused)) void
zb_le(unsigned char **p, size_t *len, size_t *cap, uint64_t v, int bytes)
{
	unsigned char b[8];

	for (int i = 0; i < bytes; i++)
		b[i] = (unsigned char)(v >> (8 * i));
	zb_put(p, len, cap, b, (size_t)bytes);
}

#define ZB_LE(z, v, n) zb_le(&(z)->p, &(z)->len, &(z)->cap, (v), (n))
#define ZB_CD(z, v, n) zb_le(&(z)->cd, &(z)->cd_len, &(z)->cd_cap, (v), (n))

/* The CRC-32 of zip (and zlib), bit by bit: tests only. */
static __attribute__((unused)) uint32_t
zb_crc32(const void *data, size_t n)
{
	const unsigned char *p = data;
	uint32_t c = 0xffffffffu;

	for (size_t i = 0; i < n; i++) {
		c ^= p[i];
		for (int k = 0; k < 8; k++)
			c = (c >> 1) ^ (0xedb88320u & (0u - (c & 1)));
	}
	return ~c;
}

static __attribute__((unused)) void
zb_add(struct zb *z, const struct zb_entry *e)
{
	const char *lname = e->local_name ? e->local_name : e->name;
	uint32_t offset = e->at_offset ? e->offset : (uint32_t)z->len;
	uint32_t dcrc = e->descriptor_crc;

	if (e->at_offset)
		goto central;
	/* Local file header (APPNOTE 4.3.7). */
	ZB_LE(z, 0x04034b50, 4);		/* signature PK\3\4 */
	ZB_LE(z, 20, 2);			/* version needed: 2.0 */
	ZB_LE(z, e->flags, 2);
	ZB_LE(z, e->method, 2);
	ZB_LE(z, 0x6000, 2);			/* 12:00:00 */
	ZB_LE(z, 0x5821, 2);			/* 2024-01-01 */
	ZB_LE(z, e->local_crc, 4);
	ZB_LE(z, e->local_csize, 4);
	ZB_LE(z, e->local_usize, 4);
	ZB_LE(z, strlen(lname), 2);
	ZB_LE(z, e->local_extra_len, 2);
	zb_put(&z->p, &z->len, &z->cap, lname, strlen(lname));
	if (e->local_extra_len > 0)
		zb_put(&z->p, &z->len, &z->cap, e->local_extra,
		       e->local_extra_len);
	zb_put(&z->p, &z->len, &z->cap, e->comp, e->comp_len);

	/* Data descriptor (APPNOTE 4.3.9). */
	if (e->descriptor == ZB_DESCRIPTOR_SIG32 ||
	    e->descriptor == ZB_DESCRIPTOR_SIG64)
		ZB_LE(z, 0x08074b50, 4);
	if (e->descriptor != ZB_NO_DESCRIPTOR) {
		int w = e->descriptor == ZB_DESCRIPTOR_SIG64 ||
			e->descriptor == ZB_DESCRIPTOR_BARE64 ? 8 : 4;

		ZB_LE(z, dcrc, 4);
		ZB_LE(z, e->comp_len, w);
		ZB_LE(z, e->usize, w);
	}

central:
	/* Central directory header (APPNOTE 4.3.12), kept for the end. */
	ZB_CD(z, 0x02014b50, 4);		/* signature PK\1\2 */
	ZB_CD(z, e->made_by ? e->made_by : 0x031e, 2);
	ZB_CD(z, 20, 2);
	ZB_CD(z, e->flags, 2);
	ZB_CD(z, e->method, 2);
	ZB_CD(z, 0x6000, 2);
	ZB_CD(z, 0x5821, 2);
	ZB_CD(z, e->crc, 4);
	ZB_CD(z, e->comp_len, 4);
	ZB_CD(z, e->usize, 4);
	ZB_CD(z, strlen(e->name), 2);
	ZB_CD(z, e->central_extra_len, 2);
	ZB_CD(z, 0, 2);				/* comment length */
	ZB_CD(z, 0, 2);				/* disk number */
	ZB_CD(z, 0, 2);				/* internal attributes */
	ZB_CD(z, e->external ? e->external : 0100644u << 16, 4);
	ZB_CD(z, offset, 4);
	zb_put(&z->cd, &z->cd_len, &z->cd_cap, e->name, strlen(e->name));
	if (e->central_extra_len > 0)
		zb_put(&z->cd, &z->cd_len, &z->cd_cap, e->central_extra,
		       e->central_extra_len);
	z->count++;
}

/* Writes the central directory and the end record; z->p is the zip. */
static __attribute__((unused)) void
zb_finish(struct zb *z)
{
	uint32_t cd_offset = (uint32_t)z->len;

	zb_put(&z->p, &z->len, &z->cap, z->cd, z->cd_len);
	ZB_LE(z, 0x06054b50, 4);		/* signature PK\5\6 */
	ZB_LE(z, 0, 2);				/* this disk */
	ZB_LE(z, 0, 2);				/* disk of the directory */
	ZB_LE(z, z->count, 2);
	ZB_LE(z, z->count, 2);
	ZB_LE(z, z->cd_len, 4);
	ZB_LE(z, cd_offset, 4);
	ZB_LE(z, 0, 2);				/* comment length */
	free(z->cd);
	z->cd = NULL;
}

/* A stored entry with honest local fields and no descriptor. */
static __attribute__((unused)) struct zb_entry
zb_stored(const char *name, const char *content)
{
	struct zb_entry e = { 0 };
	size_t n = strlen(content);

	e.name = name;
	e.comp = (const unsigned char *)content;
	e.comp_len = n;
	e.crc = e.local_crc = e.descriptor_crc = zb_crc32(content, n);
	e.usize = e.local_usize = (uint32_t)n;
	e.local_csize = (uint32_t)n;
	return e;
}

/* A finished zip of one stored entry with honest fields. */
static __attribute__((unused)) void
zb_one(struct zb *z, const char *name, const char *content)
{
	struct zb_entry e = zb_stored(name, content);

	zb_add(z, &e);
	zb_finish(z);
}

/* A copy of z's bytes with n bytes of fill after them; the caller frees
 * it. */
static __attribute__((unused)) unsigned char *
zb_with_tail(const struct zb *z, const void *fill, size_t n)
{
	unsigned char *p = malloc(z->len + n);

	if (p == NULL)
		abort();
	memcpy(p, z->p, z->len);
	memcpy(p + z->len, fill, n);
	return p;
}

#endif
