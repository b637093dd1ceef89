#!/usr/bin/env python3
"""Writes the xlsx fixtures of the Excel tests with openpyxl 3.1 and XlsxWriter 3.2
(pip install openpyxl xlsxwriter): two independent writers, neither of them Sluice's.

Run from this folder: python3 make_fixtures.py. The files it writes are committed beside it.

openpyxl writes a formula without its cached value (it does not compute formulas); a workbook saved
by Excel or LibreOffice holds both. So after saving, the formula cells of people.xlsx get the value
Excel would have cached put back into the sheet XML (<f>B2*2</f><v>...</v>), as Excel writes it.
openpyxl writes text as inline strings; XlsxWriter writes it as shared strings (with rich text runs)
and takes a formula's cached value as an argument, so shared.xlsx covers those without patching.
"""
import datetime
import re
import zipfile

from openpyxl import Workbook
from openpyxl.utils.datetime import CALENDAR_MAC_1904


def people():
    wb = Workbook()
    ws = wb.active
    ws.title = "People"
    ws.append(["id", "code", "name", "born", "seen", "score", "count", "active", "total", "note", "spare"])
    rows = [
        (1, "00123", "Ada", datetime.date(1815, 12, 10), datetime.datetime(2024, 1, 5, 10, 30, 0), 0.1, 3, True),
        (2, "007", "Grace", datetime.date(1906, 12, 9), datetime.datetime(2024, 2, 29, 23, 59, 59), 2.5, 1000000, False),
        (3, "0", "Linus", datetime.date(1969, 12, 28), datetime.datetime(1970, 1, 1, 0, 0, 0), -17.25, -4, True),
    ]
    r = 2
    for row in rows:
        for c, value in enumerate(row, start=1):
            ws.cell(row=r, column=c, value=value)
        ws.cell(row=r, column=9, value=f"=G{r}*2")
        r += 1
    # row 5 stays empty: the next row is row 6, and keeps that number
    r = 6
    for c, value in enumerate((4, "0042", "Margaret", datetime.date(1936, 8, 17),
                               datetime.datetime(2000, 1, 1, 12, 0, 0, 250000), 1e-3, 7, False), start=1):
        ws.cell(row=r, column=c, value=value)
    ws.cell(row=r, column=9, value="=G6*2")
    ws.cell(row=r, column=10, value="merged across note and spare")
    ws.merge_cells("J6:K6")
    # row 7: a spreadsheet error where a number is expected
    for c, value in enumerate((5, "5", "Edsger", datetime.date(1930, 5, 11),
                               datetime.datetime(2002, 8, 6, 0, 0, 0), "#N/A", 1, True), start=1):
        ws.cell(row=7, column=c, value=value)
    ws.cell(row=7, column=9, value="=G7*2")
    for cell in ws["D"][1:]:
        cell.number_format = "yyyy-mm-dd"
    for cell in ws["E"][1:]:
        cell.number_format = "yyyy-mm-dd hh:mm:ss.000"
    orders = wb.create_sheet("Orders")
    orders.append(["order_id", "amount", "placed"])
    orders.append([10, 12.5, datetime.date(2024, 3, 1)])
    orders.append([11, 99, datetime.date(2024, 3, 2)])
    orders["C2"].number_format = "dd/mm/yyyy"
    orders["C3"].number_format = "dd/mm/yyyy"
    wb.create_sheet("Empty")
    wb.save("people.xlsx")
    cache_formulas("people.xlsx", "xl/worksheets/sheet1.xml", {"I2": "6", "I3": "2000000", "I4": "-8", "I6": "14", "I7": "2"})


def cache_formulas(path, part, values):
    """Puts each formula cell's cached value into the sheet, as Excel saves it."""
    with zipfile.ZipFile(path) as z:
        entries = {name: z.read(name) for name in z.namelist()}
    xml = entries[part].decode("utf-8")
    for ref, value in values.items():
        xml, n = re.subn(r'(<c r="%s"[^>]*>)<f>([^<]*)</f>(<v\s*/>|<v></v>)?' % ref,
                         lambda m: m.group(1) + "<f>" + m.group(2) + "</f><v>" + value + "</v>", xml)
        assert n == 1, ref
    entries[part] = xml.encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in entries.items():
            z.writestr(name, data)


def empty():
    wb = Workbook()
    wb.active.title = "Nothing"
    wb.save("empty.xlsx")


def mac_1904():
    wb = Workbook()
    wb.epoch = CALENDAR_MAC_1904
    ws = wb.active
    ws.append(["id", "day"])
    ws.append([1, datetime.date(2024, 1, 5)])
    ws["B2"].number_format = "yyyy-mm-dd"
    wb.save("dates1904.xlsx")


def shared():
    import xlsxwriter
    wb = xlsxwriter.Workbook("shared.xlsx")
    ws = wb.add_worksheet("Stock")
    day = wb.add_format({"num_format": "d mmm yyyy"})
    bold = wb.add_format({"bold": True})
    ws.write_row(0, 0, ["sku", "label", "qty", "price", "value", "since", "kind"])
    items = [("A-001", "Bolt", 10, 0.25, datetime.date(2023, 6, 1)),
             ("0999", "Nut", 250, 0.05, datetime.date(2024, 12, 31))]
    for i, (sku, label, qty, price, since) in enumerate(items, start=1):
        ws.write_string(i, 0, sku)
        if i == 1:
            ws.write_rich_string(i, 1, bold, "Bo", "lt")
        else:
            ws.write_string(i, 1, label)
        ws.write_number(i, 2, qty)
        ws.write_number(i, 3, price)
        ws.write_formula(i, 4, f"=C{i + 1}*D{i + 1}", None, round(qty * price, 10))
        ws.write_datetime(i, 5, datetime.datetime.combine(since, datetime.time()), day)
        ws.write_formula(i, 6, f'=IF(C{i + 1}>100,"bulk","unit")', None, "bulk" if qty > 100 else "unit")
    wb.close()


if __name__ == "__main__":
    shared()
    people()
    empty()
    mac_1904()
