#!/usr/bin/env python3
"""Draws the demo customers' sample files: a photo of a scratched table top (JPEG), a picture of a blue sofa
(PNG) and a one-page PDF with an office address. Run it from this folder to make them again; it needs python3
and netpbm's pnmtojpeg. The build only embeds the files (sim/demo/CMakeLists.txt)."""

import math
import struct
import subprocess
import zlib


def table_top(width, height):
    """Wood with grain and a pale diagonal scratch, as rows of (r, g, b)."""
    rows = []
    for y in range(height):
        row = []
        for x in range(width):
            grain = math.sin(y * 0.9 + math.sin(x * 0.08) * 3.0) * 18
            r, g, b = 150 + grain, 98 + grain * 0.7, 58 + grain * 0.4
            distance = abs((y - 20) - (x - 25) * 0.45)
            if distance < 1.6 and 25 < x < 105:
                r, g, b = 228, 214, 190
            row.append(tuple(max(0, min(255, int(c))) for c in (r, g, b)))
        rows.append(row)
    return rows


def sofa(width, height):
    """A blue sofa on a light wall and a wooden floor."""
    rows = []
    for y in range(height):
        row = []
        for x in range(width):
            colour = (236, 230, 218) if y < 46 else (176, 132, 90)
            seat = 14 <= x < 82 and 30 <= y < 46
            back = 18 <= x < 78 and 16 <= y < 32
            arms = (10 <= x < 18 or 78 <= x < 86) and 24 <= y < 46
            legs = (y >= 46 and y < 50) and (16 <= x < 19 or 77 <= x < 80)
            if back:
                colour = (40, 82, 160)
            if seat or arms:
                colour = (52, 98, 182)
            if legs:
                colour = (70, 50, 30)
            row.append(colour)
        rows.append(row)
    return rows


def write_png(path, rows):
    height, width = len(rows), len(rows[0])
    raw = b"".join(b"\x00" + bytes(c for pixel in row for c in pixel) for row in rows)

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    with open(path, "wb") as out:
        out.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9)) +
                  chunk(b"IEND", b""))


def write_jpeg(path, rows):
    height, width = len(rows), len(rows[0])
    ppm = b"P6 %d %d 255\n" % (width, height) + b"".join(bytes(c for p in row for c in p) for row in rows)
    jpeg = subprocess.run(["pnmtojpeg", "-quality=70", "-optimize"], input=ppm, capture_output=True, check=True)
    with open(path, "wb") as out:
        out.write(jpeg.stdout)


def write_pdf(path, lines):
    text = "BT /F1 14 Tf 56 770 Td 18 TL " + " ".join("(%s) '" % line for line in lines) + " ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(text), text.encode("latin-1")),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    body = b"%PDF-1.4\n"
    offsets = []
    for number, content in enumerate(objects, start=1):
        offsets.append(len(body))
        body += b"%d 0 obj\n%s\nendobj\n" % (number, content)
    xref = len(body)
    body += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    body += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    body += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    with open(path, "wb") as out:
        out.write(body)


write_jpeg("scratch.jpg", table_top(120, 90))
write_png("sofa.png", sofa(96, 64))
write_pdf("office-address.pdf", ["Please deliver to my office:", "Amara Okoye", "Okoye Consulting",
                                 "4 Quay Street, 3rd floor", "Springfield 01105"])
