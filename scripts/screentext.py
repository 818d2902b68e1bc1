#!/usr/bin/env python3
"""Read the text on a screenshot of Ringel's screen console, and turn QEMU's
PPM screenshots into PNG files for people; Python's standard library only.

    screentext.py SHOT.ppm FONT.psf[.gz] [OUT.png]

prints the text.  The console draws a grid of glyphs of the kernel's font
(the same PSF file), centred on the framebuffer (drivers/video/fbcon.c).
Each cell is decoded on its own: its most common colour is the background,
the other pixels form a bitmap, which is looked up among the font's glyphs
(also inverted, for the cursor and reverse video).  A cell that matches no
glyph reads as '?', an empty one as a space.
"""
import struct, sys, zlib
from psf2c import read_font


def read_ppm(path):
    """(width, height, rows of (r, g, b) byte strings) of a binary PPM (P6, maxval 255)."""
    data = open(path, "rb").read()
    fields, pos = [], 0
    while len(fields) < 4:
        while data[pos:pos + 1].isspace():
            pos += 1
        if data[pos:pos + 1] == b"#":
            pos = data.index(b"\n", pos) + 1
            continue
        end = pos
        while not data[end:end + 1].isspace():
            end += 1
        fields.append(data[pos:end])
        pos = end
    pos += 1
    if fields[0] != b"P6" or int(fields[3]) != 255:
        raise ValueError(f"{path}: not a binary PPM with 8-bit channels")
    w, h = int(fields[1]), int(fields[2])
    pixels = data[pos:pos + w * h * 3]
    if len(pixels) != w * h * 3:
        raise ValueError(f"{path}: truncated")
    return w, h, pixels


def write_png(img, path):
    w, h, pixels = img
    raw = b"".join(b"\0" + pixels[y * w * 3:(y + 1) * w * 3] for y in range(h))
    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
    png = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)) +
           chunk(b"IDAT", zlib.compress(raw, 6)) + chunk(b"IEND", b""))
    with open(path, "wb") as f:
        f.write(png)


def read_psf(path):
    width, height, stride, count, glyphs, uni = read_font(path)
    # one character per glyph: ASCII if it has one, else the first code point
    best = {}
    for cp, g in uni or [(g, g) for g in range(count)]:
        if g not in best or (cp < 0x80 <= best[g]):
            best[g] = cp
    table = {}
    size = height * stride
    for g in range(count):
        bitmap = glyphs[g * size:(g + 1) * size]
        rows = tuple(int.from_bytes(bitmap[y * stride:(y + 1) * stride], "big") >> (stride * 8 - width)
                     for y in range(height))
        ch = chr(best.get(g, 0x3f))
        if rows not in table or ch.isascii():
            table[rows] = ch
    return width, height, table


def decode(img, font):
    """The text on the screen: one line per text row, trailing blanks dropped."""
    lines = ["".join(ch for ch, _, _ in row).rstrip() for row in decode_cells(img, font)]
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines) + "\n"


def find_colours(img, font, text):
    """(foreground, background) as 0xRRGGBB of the first character of text's
    last appearance on the screen (output comes after the command), or None."""
    for row in reversed(decode_cells(img, font)):
        line = "".join(ch for ch, _, _ in row)
        at = line.rfind(text)
        if at >= 0:
            return row[at][1], row[at][2]
    return None


def decode_cells(img, font):
    """Rows of (character, foreground, background) per cell."""
    w, h, pixels = img
    fw, fh, table = font
    cols, rows = w // fw, h // fh
    x0, y0 = (w - cols * fw) // 2, (h - rows * fh) // 2
    lines = []
    for r in range(rows):
        line = []
        for c in range(cols):
            cell = []
            for y in range(fh):
                at = ((y0 + r * fh + y) * w + x0 + c * fw) * 3
                cell.append([pixels[at + 3 * x:at + 3 * x + 3] for x in range(fw)])
            counts = {}
            for row in cell:
                for p in row:
                    counts[p] = counts.get(p, 0) + 1
            bg = max(counts, key=counts.get)
            rgb = lambda p: p[0] << 16 | p[1] << 8 | p[2]
            if len(counts) == 1:
                line.append((" ", rgb(bg), rgb(bg)))
                continue
            fg = max((p for p in counts if p != bg), key=counts.get)
            bits = tuple(sum(1 << (fw - 1 - x) for x in range(fw) if row[x] != bg) for row in cell)
            inverted = tuple(~v & ((1 << fw) - 1) for v in bits)
            if bits in table:
                line.append((table[bits], rgb(fg), rgb(bg)))
            elif inverted in table:
                line.append((table[inverted], rgb(bg), rgb(fg)))
            else:
                line.append(("?", rgb(fg), rgb(bg)))
        lines.append(line)
    return lines


def main():
    if len(sys.argv) not in (3, 4):
        sys.exit(__doc__)
    img = read_ppm(sys.argv[1])
    if len(sys.argv) == 4:
        write_png(img, sys.argv[3])
    sys.stdout.write(decode(img, read_psf(sys.argv[2])))


if __name__ == "__main__":
    main()
