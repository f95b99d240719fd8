/* fuzz_zip.c: the readers of zip containers (tx_doc_sniff_zip(),
 * tx_doc_read_ooxml() for DOCX, PPTX and XLSX, tx_doc_read_odf()) on any
 * bytes as the whole container, and on a valid container whose XML members
 * (word/document.xml, word/footnotes.xml, a slide, the shared strings and a
 * sheet, content.xml) are those bytes.  The text read must be segmented
 * text (docread.h). */
#include "fuzz.h"

#include "fuzz_doc.h"

#define MAX_MEMBERS 8

typedef struct member {
    const char *name;
    const uint8_t *data;
    size_t len;
} member;

static uint32_t crc32_of(const uint8_t *p, size_t n)
{
    uint32_t c = 0xFFFFFFFFu;

    for (size_t i = 0; i < n; i++) {
        c ^= p[i];
        for (int k = 0; k < 8; k++)
            c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1u)));
    }
    return ~c;
}

static void put16(uint8_t **q, unsigned v)
{
    (*q)[0] = (uint8_t)v;
    (*q)[1] = (uint8_t)(v >> 8);
    *q += 2;
}

static void put32(uint8_t **q, uint32_t v)
{
    put16(q, v & 0xFFFFu);
    put16(q, v >> 16);
}

/* A stored (uncompressed) zip of `n` members, malloc'ed, its size in *len. */
static uint8_t *make_zip(const member *m, int n, size_t *len)
{
    size_t size = 22, off[MAX_MEMBERS];
    uint32_t crc[MAX_MEMBERS];
    uint8_t *z, *q;

    for (int i = 0; i < n; i++)
        size += 30 + 46 + 2 * strlen(m[i].name) + m[i].len;
    if (!(z = malloc(size)))
        return NULL;
    q = z;
    for (int i = 0; i < n; i++) {
        size_t nl = strlen(m[i].name);
        off[i] = (size_t)(q - z);
        crc[i] = crc32_of(m[i].data, m[i].len);
        put32(&q, 0x04034b50u); put16(&q, 20); put16(&q, 0); put16(&q, 0);
        put16(&q, 0); put16(&q, 0x21);
        put32(&q, crc[i]); put32(&q, (uint32_t)m[i].len); put32(&q, (uint32_t)m[i].len);
        put16(&q, (unsigned)nl); put16(&q, 0);
        memcpy(q, m[i].name, nl);
        q += nl;
        if (m[i].len)
            memcpy(q, m[i].data, m[i].len);
        q += m[i].len;
    }
    size_t cd = (size_t)(q - z);
    for (int i = 0; i < n; i++) {
        size_t nl = strlen(m[i].name);
        put32(&q, 0x02014b50u); put16(&q, 20); put16(&q, 20); put16(&q, 0); put16(&q, 0);
        put16(&q, 0); put16(&q, 0x21);
        put32(&q, crc[i]); put32(&q, (uint32_t)m[i].len); put32(&q, (uint32_t)m[i].len);
        put16(&q, (unsigned)nl); put16(&q, 0); put16(&q, 0); put16(&q, 0); put16(&q, 0);
        put32(&q, 0); put32(&q, (uint32_t)off[i]);
        memcpy(q, m[i].name, nl);
        q += nl;
    }
    size_t cd_len = (size_t)(q - z) - cd;
    put32(&q, 0x06054b50u); put16(&q, 0); put16(&q, 0);
    put16(&q, (unsigned)n); put16(&q, (unsigned)n);
    put32(&q, (uint32_t)cd_len); put32(&q, (uint32_t)cd); put16(&q, 0);
    *len = (size_t)(q - z);
    return z;
}

#define S(s) (const uint8_t *)(s), sizeof(s) - 1

static void read_all(const char *data, size_t len)
{
    static const tx_doc_format ooxml[] = { TX_DOC_DOCX, TX_DOC_PPTX, TX_DOC_XLSX };
    tx_doc_opts o;
    tx_doc_info info;
    tx_error err;
    tx_buf out;

    tx_doc_opts_init(&o);
    o.max_member = 4u << 20; /* small limits: fuzzing stays fast */
    o.max_unzipped = 16u << 20;
    o.max_members = 1000;
    o.max_ratio = TX_DOC_MAX_RATIO;
    o.max_pages = 10;
    for (size_t i = 0; i < sizeof ooxml / sizeof ooxml[0]; i++) {
        tx_buf_init(&out);
        if (tx_doc_read_ooxml("fuzz.docx", data, len, ooxml[i], &o, &out, &info, &err) ==
            TX_OK)
            tx_fuzz_check_segmented(&out);
        tx_buf_release(&out);
    }
    tx_buf_init(&out);
    if (tx_doc_read_odf("fuzz.odt", data, len, &o, &out, &info, &err) == TX_OK)
        tx_fuzz_check_segmented(&out);
    tx_buf_release(&out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *what;
    size_t len = 0;
    uint8_t *z;
    member m[] = {
        { "word/document.xml", data, size },
        { "word/footnotes.xml", data, size },
        { "ppt/presentation.xml", S("<p:presentation xmlns:p=\"http://schemas.openxml"
          "formats.org/presentationml/2006/main\" xmlns:r=\"http://schemas.openxmlformats"
          ".org/officeDocument/2006/relationships\"><p:sldIdLst><p:sldId id=\"256\" "
          "r:id=\"rId1\"/></p:sldIdLst></p:presentation>") },
        { "ppt/_rels/presentation.xml.rels", S("<Relationships><Relationship Id=\"rId1\" "
          "Target=\"slides/slide1.xml\"/></Relationships>") },
        { "ppt/slides/slide1.xml", data, size },
        { "xl/sharedStrings.xml", data, size },
        { "xl/workbook.xml", S("<workbook xmlns=\"http://schemas.openxmlformats.org/"
          "spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/"
          "officeDocument/2006/relationships\"><sheets><sheet r:id=\"rId1\"/></sheets>"
          "</workbook>") },
        { "xl/_rels/workbook.xml.rels", S("<Relationships><Relationship Id=\"rId1\" "
          "Target=\"worksheets/sheet1.xml\"/></Relationships>") },
    };

    (void)tx_doc_sniff_zip((const char *)data, size, &what);
    read_all((const char *)data, size);
    if (size > (1u << 20))
        return 0;
    z = make_zip(m, MAX_MEMBERS, &len);
    if (!z)
        return 0;
    (void)tx_doc_sniff_zip((const char *)z, len, &what);
    read_all((const char *)z, len);
    /* content.xml of ODF, and a sheet: the same bytes under the other names. */
    m[0].name = "content.xml";
    m[1].name = "xl/worksheets/sheet1.xml";
    free(z);
    z = make_zip(m, MAX_MEMBERS, &len);
    if (z)
        read_all((const char *)z, len);
    free(z);
    return 0;
}
