/* test_docread.c: tx_doc_sniff() on crafted byte strings, one for each
 * format it recognises and each kind of file it skips; the format names;
 * and the dispatch of tx_doc_read() (whose readers may be placeholders). */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "docread.h"

/* Sniff the `len` bytes at `data` (`name` in messages): want format `f` and,
 * when `what` is not NULL, a description containing it. */
static void sniff_is(const char *name, const char *data, size_t len, tx_doc_format f,
                     const char *what)
{
    const char *got_what = "unset";
    tx_doc_format got = tx_doc_sniff(data, len, &got_what);

    check(got == f, "%s: got %s, want %s", name, tx_doc_format_name(got),
          tx_doc_format_name(f));
    if (what)
        check(got_what && strstr(got_what, what), "%s: what '%s', want '%s'", name,
              got_what ? got_what : "(null)", what);
    else if (f != TX_DOC_IGNORED && f != TX_DOC_BINARY)
        check(got_what == NULL, "%s: what '%s' for a document", name, got_what);
}

#define SNIFF(name, lit, f, what) sniff_is(name, lit, sizeof lit - 1, f, what)

static void test_documents(void)
{
    SNIFF("empty", "", TX_DOC_TEXT, NULL);
    SNIFF("text", "La coopération régionale en Asie centrale.\n", TX_DOC_TEXT, NULL);
    SNIFF("latin-1", "La coop\xe9ration r\xe9gionale.\n", TX_DOC_TEXT, NULL);
    SNIFF("utf-16 text", "\xff\xfeL\0a\0 \0z\0o\0n\0e\0", TX_DOC_TEXT, NULL);
    SNIFF("pdf", "%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", TX_DOC_PDF, NULL);
    SNIFF("html", "<html><body><p>x</p></body></html>", TX_DOC_HTML, NULL);
    SNIFF("HTML upper", "<HTML>\n<HEAD><TITLE>x</TITLE>", TX_DOC_HTML, NULL);
    SNIFF("doctype html", "<!DOCTYPE html>\n<html lang=\"fr\">", TX_DOC_HTML, NULL);
    SNIFF("doctype html lower", "\n\n<!doctype html><meta charset=utf-8>", TX_DOC_HTML,
          NULL);
    SNIFF("xhtml",
          "\xef\xbb\xbf<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
          "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Transitional//EN\" "
          "\"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd\">\n"
          "<html xmlns=\"http://www.w3.org/1999/xhtml\">",
          TX_DOC_HTML, NULL);
    SNIFF("html fragment", "<!-- generated -->\n<body>\n<p>Texte</p>", TX_DOC_HTML, NULL);
    SNIFF("html p", "<p>Un paragraphe.</p>\n<p>Un autre.</p>", TX_DOC_HTML, NULL);
    SNIFF("xliff 1.2",
          "<?xml version=\"1.0\"?>\n<!-- a comment -->\n"
          "<xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\">",
          TX_DOC_XLIFF, NULL);
    SNIFF("xliff 2.0 prefixed", "<xlf:xliff xmlns:xlf=\"urn:oasis:names:tc:xliff:document:2.0\">",
          TX_DOC_XLIFF, NULL);
    SNIFF("tmx", "<?xml version=\"1.0\"?>\n<!DOCTYPE tmx SYSTEM \"tmx14.dtd\">\n<tmx version=\"1.4\">",
          TX_DOC_TMX, NULL);
    SNIFF("tmx utf-16",
          "\xff\xfe<\0?\0x\0m\0l\0 \0v\0?\0>\0\n\0<\0t\0m\0x\0 \0v\0=\0\"\0\x31\0\"\0>\0",
          TX_DOC_TMX, NULL);
    SNIFF("doctype with subset", "<!DOCTYPE tmx [ <!ENTITY a \"b\"> ]>\n<tmx>", TX_DOC_TMX,
          NULL);
    SNIFF("po", "# French translation\n#, fuzzy\nmsgid \"\"\nmsgstr \"\"\n", TX_DOC_PO, NULL);
    SNIFF("pot", "msgid \"Open file\"\nmsgstr \"\"\n", TX_DOC_PO, NULL);
    SNIFF("po msgctxt", "#: src/main.c:12\nmsgctxt \"menu\"\nmsgid \"File\"\n", TX_DOC_PO,
          NULL);
    SNIFF("text about msgid", "The msgid \"x\" line of a PO file.\n", TX_DOC_TEXT, NULL);
    SNIFF("text with tags later", "Une phrase avec <b>gras</b>.\n", TX_DOC_TEXT, NULL);
    SNIFF("text with braces", "Le Conseil {voir note}: suite.\n", TX_DOC_TEXT, NULL);
    SNIFF("text starting with var", "var est un mot.\n", TX_DOC_TEXT, NULL);
}

static void test_ignored(void)
{
    SNIFF("png", "\x89PNG\r\n\x1a\n\0\0\0\rIHDR", TX_DOC_IGNORED, "PNG image");
    SNIFF("mng", "\x8aMNG\r\n\x1a\n\0\0\0\x1cMHDR", TX_DOC_IGNORED, "MNG animation");
    /* Embedded OpenType: version 0x00020001 at 8, magic "LP" at 34 */
    SNIFF("eot", "\x5c\x4a\0\0\xd4\x49\0\0\1\0\2\0\4\0\0\0"
                 "\2\x0b\6\6\3\5\4\2\2\4\1\0\x90\1\0\0\0\0LP",
          TX_DOC_IGNORED, "Embedded OpenType font");
    /* "LP" at 34 in text is text */
    SNIFF("text with LP at 34", "Une ligne de texte assez longue : LP est un sigle.\n",
          TX_DOC_TEXT, NULL);
    SNIFF("jpeg", "\xff\xd8\xff\xe0\0\x10JFIF\0", TX_DOC_IGNORED, "JPEG image");
    SNIFF("gif", "GIF89a\x01\0\x01\0", TX_DOC_IGNORED, "GIF image");
    SNIFF("webp", "RIFF\x24\0\0\0WEBPVP8 ", TX_DOC_IGNORED, "WebP image");
    SNIFF("bmp", "BM\x36\0\0\0\0\0\0\0\x36\0\0\0", TX_DOC_IGNORED, "BMP image");
    SNIFF("tiff", "II*\0\x08\0\0\0", TX_DOC_IGNORED, "TIFF image");
    SNIFF("ico", "\0\0\1\0\1\0\x10\x10", TX_DOC_IGNORED, "icon");
    SNIFF("svg", "<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\">",
          TX_DOC_IGNORED, "SVG image");
    SNIFF("woff", "wOFF\0\1\0\0\0\0\x10\0", TX_DOC_IGNORED, "WOFF font");
    SNIFF("woff2", "wOF2\0\1\0\0", TX_DOC_IGNORED, "WOFF2 font");
    SNIFF("ttf", "\0\1\0\0\0\x0c\0\x80", TX_DOC_IGNORED, "TrueType font");
    SNIFF("otf", "OTTO\0\x0b\0\x80", TX_DOC_IGNORED, "OpenType font");
    SNIFF("mp3", "ID3\x03\0\0\0\0\0\0", TX_DOC_IGNORED, "MP3");
    SNIFF("ogg", "OggS\0\x02\0\0", TX_DOC_IGNORED, "Ogg");
    SNIFF("wav", "RIFF\x24\0\0\0WAVEfmt ", TX_DOC_IGNORED, "WAV");
    SNIFF("mp4", "\0\0\0\x18" "ftypmp42", TX_DOC_IGNORED, "MP4");
    SNIFF("webm", "\x1a\x45\xdf\xa3\x9f\x42", TX_DOC_IGNORED, "WebM");
    SNIFF("gzip", "\x1f\x8b\x08\0\0\0\0\0", TX_DOC_IGNORED, "gzip archive");
    SNIFF("bzip2", "BZh91AY&SY", TX_DOC_IGNORED, "bzip2 archive");
    SNIFF("xz", "\xfd" "7zXZ\0\0", TX_DOC_IGNORED, "xz archive");
    SNIFF("7z", "7z\xbc\xaf\x27\x1c\0\x04", TX_DOC_IGNORED, "7z archive");
    SNIFF("empty zip", "PK\x05\x06\0\0\0\0", TX_DOC_IGNORED, "ZIP archive");
    {
        char tar[512];
        memset(tar, 0, sizeof tar);
        memcpy(tar, "notes.txt", 9);
        memcpy(tar + 257, "ustar\0" "00", 8);
        sniff_is("tar", tar, sizeof tar, TX_DOC_IGNORED, "tar archive");
    }
    SNIFF("css", "body {\n  margin: 0;\n  color: #333;\n}\n", TX_DOC_IGNORED,
          "CSS stylesheet");
    SNIFF("css comment first", "/* Theme */\n.nav > li a:hover, #top { color: red }",
          TX_DOC_IGNORED, "CSS stylesheet");
    SNIFF("css at-rule", "@charset \"UTF-8\";\n@import url(base.css);\n", TX_DOC_IGNORED,
          "CSS stylesheet");
    SNIFF("css font-face", "@font-face { font-family: X; }", TX_DOC_IGNORED,
          "CSS stylesheet");
    SNIFF("js function", "function toggle(id) {\n  var e = document.getElementById(id);\n}",
          TX_DOC_IGNORED, "JavaScript");
    SNIFF("js iife", "/*! jQuery v3 */\n(function(e,t){\"use strict\";", TX_DOC_IGNORED,
          "JavaScript");
    SNIFF("js use strict", "// build\n\"use strict\";\nvar a = 1;", TX_DOC_IGNORED,
          "JavaScript");
    SNIFF("js var", "var searchIndex = {\"a\": 1};\n", TX_DOC_IGNORED, "JavaScript");
}

static void test_binary(void)
{
    SNIFF("elf", "\x7f" "ELF\x02\x01\x01\0\0\0\0\0", TX_DOC_BINARY, "ELF executable");
    SNIFF("sqlite", "SQLite format 3\0\x10\0\x01\x01", TX_DOC_BINARY, "SQLite database");
    SNIFF("ole2", "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\0\0", TX_DOC_BINARY, "Office 97-2003");
    SNIFF("rtf", "{\\rtf1\\ansi\\deff0 {\\fonttbl", TX_DOC_BINARY, "RTF");
    SNIFF("mach-o", "\xcf\xfa\xed\xfe\x07\0\0\x01", TX_DOC_BINARY, "Mach-O");
    {
        char pe[128];
        memset(pe, 0, sizeof pe);
        memcpy(pe, "MZ\x90\0", 4);
        pe[60] = 64;
        memcpy(pe + 64, "PE\0\0", 4);
        sniff_is("pe", pe, sizeof pe, TX_DOC_BINARY, "Windows executable");
    }
    SNIFF("nul bytes", "\x01\x02\0\0\0\x05garbage\0\0\0\0\0\0\0\0", TX_DOC_BINARY,
          "binary data");
    SNIFF("unknown xml", "<?xml version=\"1.0\"?>\n<rss version=\"2.0\">", TX_DOC_BINARY,
          "XML document of an unknown kind (<rss>)");
}

static void test_names(void)
{
    check_str(tx_doc_format_name(TX_DOC_TEXT), "text");
    check_str(tx_doc_format_name(TX_DOC_PDF), "PDF");
    check_str(tx_doc_format_name(TX_DOC_HTML), "HTML");
    check_str(tx_doc_format_name(TX_DOC_N_FORMATS), "unknown");
    for (int f = 0; f < TX_DOC_N_FORMATS; f++)
        check(tx_doc_format_name((tx_doc_format)f)[0], "format %d has no name", f);
    check(tx_doc_format_is_segmented(TX_DOC_PO) && tx_doc_format_is_segmented(TX_DOC_TMX) &&
              tx_doc_format_is_segmented(TX_DOC_XLIFF) &&
              tx_doc_format_is_segmented(TX_DOC_XLSX),
          "bilingual files and spreadsheets are segmented");
    check(!tx_doc_format_is_segmented(TX_DOC_PDF) &&
              !tx_doc_format_is_segmented(TX_DOC_TEXT) &&
              !tx_doc_format_is_segmented(TX_DOC_HTML),
          "running text is not segmented");
}

static void test_read_dispatch(void)
{
    tx_doc_opts o;
    tx_doc_info info;
    tx_buf out = TX_BUF_INIT;
    tx_error err;

    tx_doc_opts_init(&o);
    check(o.max_member == TX_DOC_MAX_MEMBER && o.max_ratio == TX_DOC_MAX_RATIO &&
              o.max_pages == TX_DOC_MAX_PAGES && !o.target_side,
          "tx_doc_opts_init() defaults");
    /* not a reader's format: refused, naming the document */
    check(tx_doc_read("a.txt", "x", 1, TX_DOC_TEXT, &o, &out, &info, &err) == TX_EINVAL,
          "text has no reader");
    check(strstr(err.msg, "a.txt") != NULL, "message names the document: %s", err.msg);
    check(tx_doc_read("b.png", "x", 1, TX_DOC_IGNORED, NULL, &out, &info, &err) ==
              TX_EINVAL,
          "ignored files have no reader");
    tx_buf_release(&out);
}

int main(void)
{
    test_documents();
    test_ignored();
    test_binary();
    test_names();
    test_read_dispatch();
    return check_done();
}
