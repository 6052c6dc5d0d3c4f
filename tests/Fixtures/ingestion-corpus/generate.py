#!/usr/bin/env python3
"""Writes the text, binary and .xlsx files of the ingestion corpus (the Parquet files come from generate_parquet.cs).

Every file mimics one quirk seen in the third-party files described in shared/data/real/SOURCES.md and
shared/docs/realdata-quirks.md, but nothing is copied from them: the rows are re-typed, few, and every value is invented.
Only the Python standard library is used (.xlsx workbooks are written as a zip of XML by hand), and the output is
byte-for-byte reproducible: run `python3 generate.py` in this folder and `git diff` shows nothing.

The expected outcome of every file is in corpus.json, written by hand, not by this script.
"""
import os
import zipfile
from xml.sax.saxutils import escape

HERE = os.path.dirname(os.path.abspath(__file__))
FIXED_TIME = (2024, 1, 1, 0, 0, 0)


def write(name, data):
    if isinstance(data, str):
        data = data.encode("utf-8")
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(data)


def text(name, lines, encoding="utf-8", newline="\n", bom=False):
    body = newline.join(lines) + newline
    data = body.encode(encoding)
    if bom:
        data = ("\ufeff".encode(encoding) if encoding.startswith("utf-16") else b"\xef\xbb\xbf") + data
    write(name, data)


def zip_bytes(entries):
    """A deterministic zip of (name, bytes) pairs."""
    import io
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in entries:
            info = zipfile.ZipInfo(name, FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, data if isinstance(data, bytes) else data.encode("utf-8"))
    return buffer.getvalue()


# ---------------------------------------------------------------------------------------------------------------
# A minimal .xlsx writer.
# A cell value is: None (no cell), int/float (a number cell), str (a shared string), or one of the classes below.

class Inline:
    """A text cell written as an inline string (t="inlineStr"), as some exporters do."""
    def __init__(self, value):
        self.value = value


class Error:
    """A formula whose cached result is an Excel error value (t="e"), e.g. #DIV/0!."""
    def __init__(self, value, formula=None):
        self.value, self.formula = value, formula


class Formula:
    """A formula with a cached numeric result."""
    def __init__(self, formula, cached):
        self.formula, self.cached = formula, cached


class Styled:
    """An empty cell that only carries a style: what the phantom columns of some sheets are made of."""


def col_name(index):
    name = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        name = chr(65 + rem) + name
    return name


class Sheet:
    def __init__(self, name, rows, dimension=None, merges=(), empty_rows_at=(), start_row=1):
        """rows: list of rows (lists of cell values) or (row_number, cells) pairs for explicit numbering."""
        self.name, self.rows, self.dimension, self.merges, self.empty_rows_at, self.start_row = \
            name, rows, dimension, merges, empty_rows_at, start_row


def xlsx(name, sheets):
    strings, index = [], {}

    def sst(value):
        if value not in index:
            index[value] = len(strings)
            strings.append(value)
        return index[value]

    sheet_xml = []
    for sheet in sheets:
        out = []
        numbered = []
        r = sheet.start_row
        for row in sheet.rows:
            if isinstance(row, tuple):
                r = row[0]
                numbered.append((r, row[1]))
            else:
                numbered.append((r, row))
            r += 1
        width = max((len(c) for _, c in numbered), default=1)
        last = max((n for n, _ in numbered), default=1)
        dimension = sheet.dimension or f"A1:{col_name(max(width, 1) - 1)}{last}"
        out.append('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n')
        out.append('<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                   'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">')
        out.append(f'<dimension ref="{dimension}"/><sheetData>')
        for n, cells in numbered:
            out.append(f'<row r="{n}">')
            for c, value in enumerate(cells):
                ref = f"{col_name(c)}{n}"
                if value is None:
                    continue
                if isinstance(value, Styled):
                    out.append(f'<c r="{ref}" s="1"/>')
                elif isinstance(value, bool):
                    out.append(f'<c r="{ref}" t="b"><v>{int(value)}</v></c>')
                elif isinstance(value, (int, float)):
                    out.append(f'<c r="{ref}"><v>{repr(value)}</v></c>')
                elif isinstance(value, Inline):
                    out.append(f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{escape(value.value)}</t></is></c>')
                elif isinstance(value, Error):
                    f = f"<f>{escape(value.formula)}</f>" if value.formula else ""
                    out.append(f'<c r="{ref}" t="e">{f}<v>{escape(value.value)}</v></c>')
                elif isinstance(value, Formula):
                    out.append(f'<c r="{ref}"><f>{escape(value.formula)}</f><v>{repr(value.cached)}</v></c>')
                else:
                    out.append(f'<c r="{ref}" t="s"><v>{sst(value)}</v></c>')
            out.append("</row>")
        for n in sheet.empty_rows_at:
            out.append(f'<row r="{n}" customFormat="1"/>')
        out.append("</sheetData>")
        if sheet.merges:
            out.append(f'<mergeCells count="{len(sheet.merges)}">' +
                       "".join(f'<mergeCell ref="{m}"/>' for m in sheet.merges) + "</mergeCells>")
        out.append("</worksheet>")
        sheet_xml.append("".join(out))

    entries = [
        ("[Content_Types].xml",
         '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
         '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
         '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
         '<Default Extension="xml" ContentType="application/xml"/>'
         '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
         + "".join(f'<Override PartName="/xl/worksheets/sheet{i + 1}.xml" '
                   'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                   for i in range(len(sheets)))
         + '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
         '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
         '</Types>'),
        ("_rels/.rels",
         '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
         '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
         '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
         '</Relationships>'),
        ("xl/workbook.xml",
         '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
         '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
         'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
         + "".join(f'<sheet name="{escape(s.name, {chr(34): "&quot;"})}" sheetId="{i + 1}" r:id="rId{i + 1}"/>'
                   for i, s in enumerate(sheets))
         + '</sheets></workbook>'),
        ("xl/_rels/workbook.xml.rels",
         '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
         '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
         + "".join(f'<Relationship Id="rId{i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
                   f'Target="worksheets/sheet{i + 1}.xml"/>' for i in range(len(sheets)))
         + f'<Relationship Id="rId{len(sheets) + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
         f'<Relationship Id="rId{len(sheets) + 2}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
         '</Relationships>'),
        ("xl/styles.xml",
         '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
         '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
         '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
         '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
         '<borders count="1"><border/></borders>'
         '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
         '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
         '<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>'
         '</styleSheet>'),
    ]
    entries += [(f"xl/worksheets/sheet{i + 1}.xml", xml) for i, xml in enumerate(sheet_xml)]
    entries.append(("xl/sharedStrings.xml",
                    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                    f'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="{len(strings)}" uniqueCount="{len(strings)}">'
                    + "".join(f'<si><t xml:space="preserve">{escape(s)}</t></si>' for s in strings) + "</sst>"))
    write(name, zip_bytes(entries))


NBSP = "\u00a0"


# ---------------------------------------------------------------------------------------------------------------
# Delimited text

def csv_files():
    # CSMAR-style CRE export: UTF-8 with BOM, CRLF, every field quoted, 4-decimal strings, missing = "", names with
    # "(city)" and a trailing space, cryptic column codes.
    text("cre_gdpct_bom_quoted_crlf.csv", [
        '"Sgnyea","Ctnm_en","Ctnm_id","Cttyp_en","Prvcnm_en","Gdpct01","Gdpct04","GDP_PerCapita"',
        '"2015","Datong(city) ","140200","City (Sub-provincial level)","Shanxi","1052.8100","41.2500","30813.0000"',
        '"2015","Changzhi(city) ","140400","City (Sub-provincial level)","Shanxi","1195.5000","","34520.0000"',
        '"2016","Datong(city) ","140200","City (Sub-provincial level)","Shanxi","1101.2300","43.1000","31555.5000"',
        '"2016","Changzhi(city) ","140400","City (Sub-provincial level)","Shanxi","1230.0000","37.8800","36012.2500"',
    ], newline="\r\n", bom=True)

    # The author's merge of the CRE panel: no BOM, LF, numbers unquoted, missing = NA, R merge suffixes (.x/.y),
    # 6-digit codes with municipalities written 110000.
    text("cre_city_rgdp_na.csv", [
        '"Sgnyea","Ctnm_id","Ctnm_en","Prvcnm_en.x","Gdpct04","GDP_PerCapita","rel_cpi_2010","city_rgdp","Prvcnm_en.y"',
        '2012,110000,"Beijing (city)","Beijing (city)",76.46,87475,103.3,16251.9,"Beijing"',
        '2013,110000,"Beijing (city)","Beijing (city)",NA,93213,106.6,17436.2,"Beijing"',
        '2012,130200,"Tangshan","Hebei",35.12,NA,102.9,NA,"Hebei"',
        '2013,130200,"Tangshan","Hebei",36.04,80610.5,105.8,5910.7,"Hebei"',
    ])

    # Tidy 30-city panel: every field quoted, trailing spaces inside quoted numbers, pinyin without apostrophe
    # (Yanan for Yan'an), dummy columns, and one implausible green coverage (a percentage above 100).
    text("kubia_all_quoted_trailing_spaces.csv", [
        '"city","year","PM10","GRP_pc","green_coveraged","post","key_regions"',
        '"Datong","2016","98 ","41235.5 ","38.06","1","0"',
        '"Datong","2017","91","43810 ","38.9 ","1","0"',
        '"Yanan","2016","77 ","52004","41.2","1","0"',
        '"Yanan","2017","70","55120.75 ","386.64 ","1","0"',
        '"Taian","2016","120 ","67001","40.05 ","1","1"',
        '"Taian","2017","114","70230 ","40.4","1","1"',
    ])

    # A CSV saved with a .xls name, encoded GBK: quoted header, LF, province rows mixed with cities, missing = NA,
    # units in full-width parentheses. The year (2014) is only in the file name.
    text("ccsy_gbk_csv_named_2014.xls", [
        '"城市","第三产业增加值占GDP比重(%)","人均地区生产总值（元）"',
        '山西省,NA,NA',
        '大同市,40.11,31020',
        '长治市,NA,33250',
        '安徽省,NA,NA',
        '淮北市,33.7,37705',
    ], encoding="gbk")

    # GB18030 text without BOM under a plain .csv name; years written 2015年.
    text("gb18030_panel_years_nian.csv", [
        '城市,年份,人均地区生产总值,建成区绿化覆盖率',
        '大同,2015年,30100,39.5',
        '唐山市,2015年,78200,42.25',
        '邯郸市,2016年,34500.5,41',
    ], encoding="gb18030")

    # European spreadsheet export: ';' separator, decimal comma, '.' as thousands separator.
    text("semicolon_decimal_comma.csv", [
        'city_id;year;gdp_per_capita;tertiary_share;unemployment_rate',
        'datong;2015;45.000,5;48,5;3,2',
        'tangshan;2015;80.000,25;38,1;2,15',
        'changzhi;2015;36.250;41,75;3',
    ])

    # Tab-separated with CRLF, Chinese headers.
    text("tab_separated_crlf.tsv", [
        '城市\t年份\t人均地区生产总值\t城镇登记失业率',
        '大同市\t2015\t30100.5\t3.4',
        '唐山市\t2015\t78200\t2.05',
        '邯郸市\t2015\t34500\t3.75',
    ], newline="\r\n")

    # Excel's "Unicode Text" export: UTF-16 LE with BOM, tab-separated, CRLF.
    text("excel_unicode_text_utf16.txt", [
        'city_id\tyear\tgdp_per_capita\ttertiary_share',
        'datong\t2016\t31500.25\t44.5',
        'fuxin\t2016\t27750\t46.25',
    ], encoding="utf-16-le", newline="\r\n", bom=True)

    # Thousands separators: quoted "1,234,567.5", a space-grouped number, a '+' sign.
    text("thousands_separators.csv", [
        'city,year,gdp_per_capita,savings_per_capita',
        'Datong,2015,"45,000.5","1,234,567"',
        'Tangshan,2015,"80,120","2,500,000.25"',
        'Handan,2015,52 300,+61000',
    ])

    # Every missing-value marker seen or expected: empty, NA, N/A, -, —, .., …, #DIV/0!, #N/A.
    text("missing_markers.csv", [
        'city_id,year,gdp_per_capita,tertiary_share,unemployment_rate,hospital_beds_per_10k',
        'datong,2015,—,..,-,N/A',
        'tangshan,2015,NA,#DIV/0!,,#N/A',
        'handan,2015,40100,…,2.5,50.25',
    ])

    # Years written 2015.0 (a float column exported by pandas) and 2016年, city names in three forms.
    text("year_float_and_suffix.csv", [
        'city,year,gdp_per_capita',
        'Datong,2015.0,30100',
        'datong,2016年,31200',
        '大同市,2017,32300.5',
    ])

    # Wide, one year: no year column, the year is in the file name.
    text("wide_one_year_2017.csv", [
        'city,gdp_per_capita,tertiary_share',
        'Datong,33000,45.5',
        'Tangshan,85000,39.25',
    ])

    # Wide, one year, and no year anywhere: rejected.
    text("wide_one_year_no_year.csv", [
        'city,gdp_per_capita,tertiary_share',
        'Datong,33000,45.5',
        'Tangshan,85000,39.25',
    ])

    # Long layout: indicator by id, Chinese name or English name.
    text("long_layout.csv", [
        'city,year,indicator,value',
        'datong,2015,gdp_per_capita,30100',
        'datong,2015,第三产业增加值占GDP比重,44.5',
        'datong,2015,Registered urban unemployment rate,3.5',
        'datong,2016,gdp_per_capita,31000',
        'tangshan,2015,gdp_per_capita,78000',
        'tangshan,2015,tertiary_share,38.5',
    ])

    # Long layout with Chinese key columns, a unit column, and an indicator the catalog does not have.
    text("long_unknown_indicator.csv", [
        '城市,年份,指标,数值,单位',
        '大同市,2015,人均地区生产总值,30100,元',
        '大同市,2015,常住人口,310.5,万人',
        '唐山市,2015,人均地区生产总值,78000,元',
        '唐山市,2015,常住人口,780.25,万人',
    ])

    # Long layout, the same city-year-indicator twice (the second time by its Chinese name).
    text("long_duplicate_observation.csv", [
        'city,year,indicator,value',
        'datong,2015,gdp_per_capita,30100',
        'tangshan,2015,gdp_per_capita,78000',
        'datong,2015,人均地区生产总值,30150',
    ])

    write("empty.csv", b"")
    text("header_only.csv", ['city_id,year,gdp_per_capita,tertiary_share'])

    # An opening quote never closed.
    text("unclosed_quote.csv", [
        'city_id,year,gdp_per_capita',
        'datong,2015,45000',
        'tangshan,2015,"80000',
        'changzhi,2015,30000',
    ])

    # A number with a thousands separator, not quoted: one field too many.
    text("extra_fields_unquoted_thousands.csv", [
        'city_id,year,gdp_per_capita',
        'datong,2015,45000',
        'tangshan,2015,80,500',
    ])

    # The same city-year twice, once by id and once by Chinese name.
    text("duplicate_city_year.csv", [
        'city,year,gdp_per_capita',
        'datong,2015,45000',
        'tangshan,2015,80000',
        '大同市,2015,45100',
    ])

    # A misspelt city: kept, reported with the closest registered names.
    text("unknown_city_candidates.csv", [
        'city,year,gdp_per_capita',
        'Datong,2015,30100',
        'Tangshang,2015,78000',
        'Changzhi,2015,33250',
    ])

    # English names two cities share: Yichun (伊春, 宜春), Suzhou (苏州, 宿州).
    text("ambiguous_yichun.csv", [
        'city,year,gdp_per_capita',
        'Datong,2015,30100',
        'Yichun,2015,25000',
        'Suzhou,2015,22000',
    ])

    # A printed yearbook table exported as CSV: title and unit rows above a bilingual multi-line header, province
    # rows "河北省 / Hebei" with blank values, names indented with ASCII spaces and no-break spaces, the header
    # repeated at a page break (written with other spacing), a source footer. Year only in the file name.
    header = ['"城    市\r\nCity"', '"地区生产总值\r\n(万元)\r\nGross Regional Product\r\n(10000 yuan)"',
              '"人均地区生产总值\r\n(元)\r\nPer Capita GRP\r\n(yuan)"',
              '"第三产业增加值占GDP比重\r\n(%)\r\nTertiary Industry as Percentage to GRP\r\n(%)"']
    text("ccsy_printed_table_2017.csv", [
        '2-9  地区生产总值（市辖区）,,,',
        'Gross Regional Product (Districts under City),,,',
        '单位：万元,,,',
        ",".join(header),
        '河北省 / Hebei,,,',
        '  唐山市,"35012345","92010","38.60"',
        f'{NBSP}{NBSP}邯郸市,"12050321","41020.5","42.05"',
        '山西省 / Shanxi,,,',
        ",".join(['"城 市\r\nCity"'] + header[1:]),
        '  大同市,"6543210","40100","55.20"',
        '  长治市,"7012300","45560","40.00"',
        '摘编自《中国城市统计年鉴2018》,,,',
    ], newline="\r\n")

    # Census-like: BOM, CRLF, every field quoted, one field of ~50,000 characters (a WKT polygon), values of 2020
    # and 2010 side by side (the 2020 ones are read; the year is in the file name), a city with no values at all.
    polygon = "POLYGON((" + ",".join(f"{113 + i * 0.0001:.4f} {40 + (i % 97) * 0.0001:.4f}" for i in range(2600)) + "))"
    text("census_bom_long_wkt_2020.csv", [
        '"city","city_code","province","household_2020","household_2010","male_female_2020","male_female_2010","coord"',
        f'"大同市","140200","山西省","2.41","2.75","104.12","105.3","{polygon}"',
        f'"长治市","140400","山西省","2.55","2.9","102.5","104.01","{polygon[:1000]}))"',
        '"石河子市","659001","新疆维吾尔自治区","","","","",""',
    ], newline="\r\n", bom=True)


# ---------------------------------------------------------------------------------------------------------------
# Files that are not tables

def non_table_files():
    # An HTML page saved as .xls (a "web page" export): blank lines, a comment, then the table.
    write("html_table_saved_as.xls", "\n" * 12 + "<!-- 以下内容为excel格式的网页 -->\n\n<html>\n<head>\n<title>Excel</title>\n"
          '<meta http-equiv="Content-Type" content="text/html; charset=utf-8">\n</head>\n<body>\n<table border="1">\n'
          '<tr><td rowspan="2">城市</td><td colspan="2">第三产业从业人员比重(%)</td></tr>\n'
          '<tr><td>全市</td><td>市辖区</td></tr>\n'
          '<tr><td>&nbsp;&nbsp;大同市</td><td>51.2</td><td>60.5</td></tr>\n'
          '<tr><td>&nbsp;&nbsp;长治市</td><td>&nbsp;</td><td>58.25</td></tr>\n'
          '</table>\n</body>\n</html>\n')

    # A legacy BIFF8 .xls: the OLE2 compound-file signature and header, then empty sectors.
    header = bytearray(512)
    header[0:8] = bytes([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])
    header[0x18:0x1A] = (0x003E).to_bytes(2, "little")   # minor version
    header[0x1A:0x1C] = (0x0003).to_bytes(2, "little")   # major version 3
    header[0x1C:0x1E] = (0xFFFE).to_bytes(2, "little")   # little endian
    header[0x1E:0x20] = (9).to_bytes(2, "little")        # 512-byte sectors
    header[0x20:0x22] = (6).to_bytes(2, "little")        # 64-byte mini sectors
    write("legacy_biff8_cnki.xls", bytes(header) + b"\xff" * 1024)

    # A ZIP archive named .xlsx that holds a CSV and a readme.
    write("zip_not_xlsx.xlsx", zip_bytes([("data.csv", "city,year,gdp_per_capita\ndatong,2015,1\n"),
                                          ("readme.txt", "exported data\n")]))

    # An OpenDocument spreadsheet renamed .xlsx.
    write("opendocument_named.xlsx", zip_bytes([("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
                                                ("content.xml", '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
                                                 'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>'),
                                                ("META-INF/manifest.xml", "<manifest/>")]))

    # A PDF named .csv.
    write("pdf_named.csv", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n")

    # Binary data with NUL bytes named .csv.
    write("binary_named.csv", bytes((i * 37 + 11) % 256 for i in range(600)))


# ---------------------------------------------------------------------------------------------------------------
# Workbooks

def xlsx_files():
    # CEADs-like inventory: a NOTE sheet first (unit in the notes only), the same data as a long "emission vector"
    # and as a city × year "emission matrix" whose year headers are strings ('1995', '1997', ... 1996 absent);
    # cities keyed by province + short name (山西大同), municipalities bare (北京); a lone 1995 value.
    matrix = [
        ["city", "1995", "1997", "2010", "2011", "2012"],
        ["北京", None, 61.5, 88.25, 90.5, 91.0],
        ["山西大同", None, None, 42.5, 44.75, None],
        ["河北唐山", None, 120.0, 180.5, 185.25, 190.125],
        ["内蒙古鄂尔多斯", None, None, 55.5, 60.0, 66.5],
        ["贵州六盘水", 12.5, None, None, None, 30.25],
    ]
    vector = [["ID", "city", "year", "emission"]]
    years = matrix[0][1:]
    for row in matrix[1:]:
        for year, value in zip(years, row[1:]):
            if value is not None:
                vector.append([f"{row[0]}{year}", row[0], int(year), value])
    xlsx("ceads_notes_vector_matrix.xlsx", [
        Sheet("NOTE", [["Title", "The Emission Inventories for Chinese Cities (corpus sample, invented values)"],
                       ["Unit", "million tones 百万吨"],
                       ["Period", "1995-2012"],
                       ["Reference", "cite the data provider"]]),
        Sheet("emission vector", vector),
        Sheet("emission matrix", matrix),
    ])

    # Chen-style inventory: the unit only in the sheet name, duplicated name columns (Chinese then English under the
    # same header), years as C2015..., a code with a full-width bracket, a blank row then a note row.
    xlsx("co2_unit_in_sheet_name.xlsx", [
        Sheet("Unit (Thousand tons)", [
            ["DISTCODE地区代码", "City Name", "City Name", "Province Name", "Province Name", "C2015", "C2016", "C2017"],
            [140200, "大同市", "Datong", "山西省", "Shanxi", 41250.5, 42010.0, 43500.25],
            ["140400（2）", "长治市", "Changzhi", "山西省", "Shanxi", 38120.0, 39005.75, 40111.0],
            [130200, "唐山市", "Tangshan", "河北省", "Hebei", 182000.0, 185500.5, 190250.0],
            [],
            ["Note: City name is based on the division of China's cities in 2010"],
        ]),
    ])

    # EDGAR-based long file: unit in the header (_吨), short names without 市, a region column also named like a
    # key (地区), a stray note cell beside the table (J4), a notes sheet after the data, a watermark row at the end.
    rows = [["年份", "城市代码", "所属省份", "城市", "地区", "胡焕庸线", "碳排放量_吨"]]
    data = [(2018, 140200, "山西省", "大同", "中部", "东南", 35123456),
            (2019, 140200, "山西省", "大同", "中部", "东南", 36000123.5),
            (2018, 140400, "山西省", "长治", "中部", "东南", 41000000),
            (2019, 140400, "山西省", "长治", "中部", "东南", 40500250),
            (2018, 130200, "河北省", "唐山", "东部", "东南", 190250000),
            (2019, 130200, "河北省", "唐山", "东部", "东南", 188000500.25)]
    for i, d in enumerate(data):
        row = list(d)
        if i == 2:
            row += [None, None, "碳排放强度=碳排放总量/GDP"]
        rows.append(row)
    rows.append(["更多数据，关注某某数据店铺"])
    xlsx("gp_carbon_tonnes_stray_note.xlsx", [
        Sheet("Sheet1", rows),
        Sheet("数据说明", [["数据来源：EDGAR (corpus sample, invented values)"], ["单位：吨"]]),
    ])

    # Financial depth: a ratio column that is a formula, cached #DIV/0! where GDP is blank; the sheet dimension claims
    # Excel's 1,048,576 rows and empty formatted row records run to the last row.
    rows = [["年份", "城市", "城市代码", "省份", "省份代码", "地区", "GDP_万元", "贷款余额_万元", "存款余额_万元", "金融发展水平"]]
    fin = [(2010, "大同市", 140200, "山西省", "140000", "中部", 6000000, 5500000, 9100000),
           (2011, "大同市", 140200, "山西省", "140000", "中部", None, 5900000, 9800000),
           (2010, "唐山市", 130200, "河北省", "130000", "东部", 50000000, 30000000, 45000000),
           (2011, "唐山市", 130200, "河北省", "130000", "东部", 54000000, 33750000, 47250000)]
    for i, (y, c, code, p, pc, reg, gdp, loans, deposits) in enumerate(fin):
        r = i + 2
        formula = f"(H{r}+I{r})/G{r}"
        ratio = Error("#DIV/0!", formula) if gdp is None else Formula(formula, (loans + deposits) / gdp)
        rows.append([y, c, code, p, pc, reg, gdp, loans, deposits, ratio])
    xlsx("finance_million_row_dimension.xlsx", [
        Sheet("Sheet1", rows, dimension="A1:J1048576", empty_rows_at=[6, 7, 8, 1048575, 1048576]),
    ])

    # Industry structure: numbers stored as text (shared and inline strings) mixed with real numbers, shares as
    # fractions, formulas with cached values, a partial duplicate sheet named by year, a sources sheet, and a space
    # before the extension in the file name.
    panel = [["年份", "城市代码", "城市", "GDP_亿元", "第三产业占比", "人均GDP"],
             [2022, 140200, "大同市", 1842.5, 0.5525, 53200],
             [2023, 140200, "大同市", "1901.30", "0.5610", Inline("55120.5")],
             [2022, 130200, "唐山市", 8900.25, Formula("0.3925+0", 0.3925), 115000],
             [2023, 130200, "唐山市", Inline("9133.1"), "0.4010", "118000.00"]]
    xlsx("industry_structure_numbers_as_text .xlsx", [
        Sheet("面板数据2000-2023", panel),
        Sheet("2023", [["城市代码", "城市", "GDP_亿元", "第三产业占比", "人均GDP"],
                       [140200, "大同市", "1901.30", "0.5610", "55120.5"]]),
        Sheet("数据来源", [["数据来源：各市统计年鉴 (corpus sample, invented values)"]]),
    ])

    # 287-city panel: 40 phantom empty (styled) columns beyond the data, a stray merged range out there, vendor-style
    # headers 指标_范围_单位, an author's score column, implausible percentages (above 100).
    headers = ["城市", "年份", "地区生产总值_当年价格_全市_万元", "绿化覆盖率_市辖区_百分比%", "生活垃圾无害化处理率_全市_百分比%", "Score"]
    phantom = [Styled()] * 40
    jc = [headers + [None] * 40,
          ["大同市", 2010, 6010000, 38.5, 95.5, 0.47] + phantom,
          ["大同市", 2011, 6900000, 39.25, 362, 0.51] + phantom,
          ["长治市", 2010, 7700000, 386.64, 88, 0.45] + phantom,
          ["长治市", 2011, 8120000, 40.1, 0, 29851] + phantom]
    xlsx("jc_phantom_columns.xlsx", [
        Sheet("new", jc, dimension="A1:AT5", merges=["Y3", "Y5:AA5"]),
    ])

    # A yearbook table converted to .xlsx: title rows, every number a text cell, bilingual multi-line headers,
    # province rows with blank values, names indented with two spaces, the header block repeated at page breaks,
    # and a second sheet "CNKI" holding only a URL. Year only in the file name.
    h = ["城    市\r\nCity", "地区生产总值\r\n(万元)\r\nGross Regional Product\r\n(10000 yuan)",
         "人均地区生产总值\r\n(元)\r\nPer Capita GRP\r\n(yuan)", "地区生产总值增长率\r\n(%)\r\nGrowth Rate of GRP\r\n(%)"]
    xlsx("ccsy_text_cells_2017.xlsx", [
        Sheet("1-7", [
            ["2-9  地区生产总值（市辖区）"],
            ["Gross Regional Product (Districts under City)"],
            [],
            h,
            ["河北省 / Hebei", "", "", ""],
            ["  唐山市", "35012345", "92010", "6.70"],
            ["  邯郸市", "12050321", "41020.50", "7.1"],
            ["山西省 / Shanxi"],
            h,
            ["  大同市", "6543210", "40100", "5.00"],
            ["  长治市", "7012300", "", "6.25"],
        ]),
        Sheet("CNKI", [["http://www.cnki.net/"]]),
    ])

    # Employment table from a yearbook: merged title, unit row, province subtotal rows WITH values (吉林省, 浙江省)
    # interleaved with their cities, names indented with no-break spaces, a source footer. Year in the file name.
    xlsx("employment_province_subtotals_2014.xlsx", [
        Sheet("Sheet1", [
            ["2-5  按三次产业分从业人员比重", None, None, None],
            ["单位:%", None, None, None],
            ["城市", "第一产业从业人员比重", "第二产业从业人员比重", "第三产业从业人员比重"],
            ["吉林省", 10.5, 40.25, 49.25],
            [NBSP * 2 + "吉林市", 8.5, 42.0, 49.5],
            [NBSP * 2 + "辽源市", 12.0, 45.5, 42.5],
            ["浙江省", 3.5, 48.0, 48.5],
            [NBSP * 2 + "湖州市", 4.25, 55.5, 40.25],
            ["摘编自《中国城市统计年鉴2015》", None, None, None],
        ], merges=["A1:D1"]),
    ])

    # A notes sheet first (a data dictionary that looks a little like a header), the data second.
    xlsx("notes_sheet_first.xlsx", [
        Sheet("数据说明", [["字段", "含义"], ["城市", "地级市名称"], ["年份", "统计年度"], ["人均地区生产总值", "元"],
                         ["更多数据，关注某某数据店铺"]]),
        Sheet("Sheet1", [["城市", "年份", "人均地区生产总值", "建成区绿化覆盖率"],
                         ["大同市", 2015, 30100, 39.5],
                         ["长治市", 2015, 33250.75, 41.2]]),
    ])

    # The 31-city pollution workbook: one indicator per sheet (named after it), years as numeric column headers,
    # a computed fractional value in one year, a Region column (blank or a region code).
    xlsx("wide_years_sheet_named_indicator.xlsx", [
        Sheet("gdp_per_capita", [
            ["City", "Region", 2014, 2015, 2016],
            ["Datong", "", 28000, 29000.5, 30100],
            ["Tangshan", "BTH", 79000, None, 81000],
            ["Changzhi", "", 31000, 32113.2958904109589, None],
        ]),
    ])

    # Wide, one year, the year in the sheet name; the file name has none.
    xlsx("sheet_named_by_year.xlsx", [
        Sheet("2019", [["城市", "人均地区生产总值", "城镇登记失业率"],
                       ["大同市", 35500, 3.3],
                       ["唐山市", 91000.5, 2.8]]),
    ])

    # FDI: a per-row unit column (always the same), a source column, blanks; names without 市.
    xlsx("fdi_unit_column_blanks.xlsx", [
        Sheet("Sheet1", [["year", "地级市", "外商直接投资", "单位", "数据来源"],
                         [2016, "七台河", 12.5, "百万美元", "城市统计局"],
                         [2017, "七台河", None, "百万美元", "城市统计局"],
                         [2016, "鹤岗", 8.25, "百万美元", "城市统计局"],
                         [2017, "鹤岗", 9.0, "百万美元", "城市统计局"]]),
    ])

    # Road area: provinces, prefectures and county-level cities in one table; a raw and an interpolated column.
    xlsx("road_area_mixed_levels.xlsx", [
        Sheet("Sheet1", [["年份", "省份", "省份代码", "城市", "城市代码", "人均道路面积（平方米）", "人均道路面积（平方米）  线性插值"],
                         [2015, "河北", "130000", "河北", 130000, 18.5, 18.5],
                         [2015, "河北", "130000", "唐山", 130200, 22.25, 22.25],
                         [2015, "河北", "130000", "藁城", 130182, 15.0, 15.0],
                         [2015, "山西", "140000", "山西", 140000, 14.0, 14.0],
                         [2015, "山西", "140000", "大同", 140200, None, 12.75]]),
    ])

    # A workbook whose only sheet is empty.
    xlsx("empty_workbook.xlsx", [Sheet("Sheet1", [])])

    # Indicators and a year, but the city column has a name nobody uses.
    xlsx("no_city_column.xlsx", [
        Sheet("Sheet1", [["地名", "年份", "人均地区生产总值"], ["大同市", 2015, 30100], ["唐山市", 2015, 78000]]),
    ])


# ---------------------------------------------------------------------------------------------------------------
# Emissions in delimited text

def emission_files():
    text("emissions_kt_in_header.csv", [
        'city,year,co2 (kt)',
        'Datong,2018,35123.5',
        'Datong,2019,36000',
        'Tangshan,2018,190250.25',
    ])
    text("emissions_unit_column_mixed.csv", [
        '城市,年份,碳排放量,单位',
        '大同市,2018,35123456,吨',
        '长治市,2018,4100.5,万吨',
        '唐山市,2018,190.25,Mt CO2',
    ])
    text("emissions_negative.csv", [
        'city,year,co2',
        'datong,2018,35.1',
        'tangshan,2018,-1.5',
    ])
    text("emissions_unknown_unit.csv", [
        'city,year,co2,unit',
        'datong,2018,35.1,桶',
        'tangshan,2018,190.2,Mt',
    ])
    # Tonnes written without a unit, read as Mt: far above any city's emissions.
    text("emissions_tonnes_without_unit.csv", [
        'city,year,co2',
        'datong,2018,35123456',
        'tangshan,2018,190.25',
    ])


if __name__ == "__main__":
    csv_files()
    non_table_files()
    xlsx_files()
    emission_files()
