"""Problem and error messages, in English and Vietnamese (part of the i18n catalog).

What ``check`` reports and what the core raises: the structural problems of
:mod:`ggov_plan.plan.build`, the rules of :mod:`ggov_plan.plan.rules`, and the messages of
:mod:`ggov_plan.cli.names`, :mod:`ggov_plan.write.journal` and :mod:`ggov_plan.problems`,
what :mod:`ggov_plan.cli.inputs` says of a date, amount or quantity typed on the
command line, and what :mod:`ggov_plan.write.atomic` says when a file cannot be
written.

Problem codes (``budget-sum``), TOML key and table names, ids and paths are
never translated; figures are formatted for the language at the call site.
Keys are namespaced by where they are used: ``record.*`` (what a record is
called), ``problem.*`` (shared phrases), ``load.*``, ``toml.*`` (tomllib's
syntax messages), ``read.*``, ``rule.*``, ``names.*``, ``journal.*``,
``plan.*``, ``input.*``, ``atomic.*``, ``period.*`` (reporting periods). A key
ending in ``.hint`` is the hint of the message before it.
"""

from __future__ import annotations

#: key → (English, Vietnamese)
ENTRIES: dict[str, tuple[str, str]] = {
    # ------------------------------------------------------------ record names
    # What a record is called in a message, by its TOML key; the English is
    # the key itself, as the messages have always said it.
    "record.legal_basis": ("legal_basis", "căn cứ"),
    "record.objective": ("objective", "mục tiêu"),
    "record.portal": ("portal", "cổng thông tin"),
    "record.indicator": ("indicator", "chỉ tiêu"),
    "record.content": ("content", "nội dung"),
    "record.channel": ("channel", "hình thức"),
    "record.agency": ("agency", "cơ quan"),
    "record.task": ("task", "nhiệm vụ"),
    "record.budget.source": ("budget.source", "nguồn kinh phí"),
    "record.activity": ("activity", "hoạt động"),
    "record.completion": ("completion", "kết quả thực hiện"),
    "record.cancellation": ("cancellation", "việc hủy"),
    "record.void": ("void", "việc hủy bỏ ghi nhận"),
    "record.measurement": ("measurement", "kết quả đo chỉ tiêu"),
    "record.amendment": ("amendment", "việc điều chỉnh hoạt động"),
    "record.note": ("note", "ghi chú báo cáo"),
    "record.report": ("[report]", "bảng [report]"),
    "record.indicator.milestone": ("milestone", "mốc chỉ tiêu"),
    # A record without an id, named by its table.
    "record.table": ("[{key}]", "bảng [{key}]"),
    # A record with an id: its noun and its id.
    "record.named": ("{noun} '{id}'", "{noun} '{id}'"),
    # ------------------------------------------------------------ shared
    # A phrase and what follows it (an id after a record's name).
    "problem.then": ("{first}{then}", "{first}{then}"),
    # A value and its unit (" đồng", or nothing for a count).
    "problem.value_unit": ("{value}{unit}", "{value}{unit}"),
    "problem.did_you_mean": ("did you mean '{name}'?", "có phải ý bạn là '{name}'?"),
    # ------------------------------------------------------------ finding and reading
    "read.not_found_env": (
        "no plan file found; looked in: ${env} = {value}",
        "không tìm thấy tệp kế hoạch; đã tìm ở: ${env} = {value}",
    ),
    "read.not_found_env.hint": (
        "correct or unset {env} (while it is set, {default} is not used), or pass --plan PATH",
        "sửa hoặc bỏ biến {env} (khi biến này còn được đặt, {default} không được dùng), "
        "hoặc dùng --plan PATH",
    ),
    "read.not_found_default": (
        "no plan file found; looked in: {places}",
        "không tìm thấy tệp kế hoạch; đã tìm ở: {places}",
    ),
    "read.not_found_default.hint": (
        "pass --plan PATH, set {env}, or run from the folder that holds {default}",
        "dùng --plan PATH, đặt biến {env}, hoặc chạy lệnh từ thư mục chứa {default}",
    ),
    "read.not_found": ("{path}: no such file", "{path}: không có tệp"),
    "read.not_found.hint": (
        "check the path, or pass --plan PATH",
        "kiểm tra lại đường dẫn, hoặc dùng --plan PATH",
    ),
    "read.folder": ("is a folder, not a plan file", "là một thư mục, không phải tệp kế hoạch"),
    "read.folder.hint": ("name the .toml file inside it", "hãy chỉ đến tệp .toml trong thư mục đó"),
    "read.not_regular": (
        "is not a regular file (a pipe, a device or a socket)",
        "không phải là tệp thông thường (mà là pipe, thiết bị hoặc socket)",
    ),
    "read.not_regular.hint": (
        "save the plan to a .toml file and name that file",
        "hãy lưu kế hoạch vào một tệp .toml rồi chỉ đến tệp đó",
    ),
    "read.kept_changing": (
        "{path}: the file kept changing while ggov-plan read it ({times} tries); "
        "another program is writing to it",
        "{path}: tệp liên tục thay đổi trong khi ggov-plan đọc ({times} lần thử); "
        "một chương trình khác đang ghi vào tệp",
    ),
    "read.kept_changing.hint": (
        "wait until the other program has saved the file, then run the command again",
        "hãy đợi chương trình kia lưu xong tệp rồi chạy lại lệnh",
    ),
    "read.permission": ("permission denied", "không có quyền đọc tệp"),
    "read.permission.hint": ("check the file's permissions", "kiểm tra quyền truy cập của tệp"),
    "read.cannot_read": ("cannot read: {reason}", "không đọc được: {reason}"),
    "read.symlink_loop": (
        "too many levels of symbolic links",
        "quá nhiều tầng liên kết tượng trưng (symbolic link)",
    ),
    "read.not_utf8": (
        "not valid UTF-8 (byte 0x{byte})",
        "không phải văn bản UTF-8 hợp lệ (byte 0x{byte})",
    ),
    "read.not_utf8.hint": ("save the file as UTF-8", "lưu tệp theo bảng mã UTF-8"),
    # ------------------------------------------------------------ syntax
    "load.byte_order_mark": (
        "the file starts with a byte-order mark",
        "tệp bắt đầu bằng ký tự đánh dấu thứ tự byte (BOM)",
    ),
    "load.byte_order_mark.hint": (
        "save it as UTF-8 without BOM",
        "lưu tệp theo bảng mã UTF-8 không có BOM",
    ),
    "load.too_deep": (
        "the file nests arrays or tables too deeply to read",
        "tệp lồng mảng hoặc bảng quá nhiều tầng, không đọc được",
    ),
    "load.too_deep.hint": (
        "a plan needs no more than a few levels of nesting",
        "một kế hoạch chỉ cần vài tầng lồng nhau",
    ),
    "load.syntax": ("TOML syntax: {detail}", "lỗi cú pháp TOML: {detail}"),
    "load.syntax.hint": (
        "fix the TOML at this position (TOML syntax: https://toml.io/en/v1.0.0)",
        "sửa TOML tại vị trí này (cú pháp TOML: https://toml.io/en/v1.0.0)",
    ),
    "load.syntax.at_end": ("{detail} at end of file", "{detail} ở cuối tệp"),
    # tomllib's messages, first letter lowercased as the English has always
    # shown them; a message not listed here is shown as tomllib words it.
    "toml.invalid_statement": ("invalid statement", "câu lệnh không hợp lệ"),
    "toml.expected_newline": (
        "expected newline or end of document after a statement",
        "sau mỗi câu lệnh phải xuống dòng hoặc hết tệp",
    ),
    "toml.expected": ("expected {what}", "thiếu {what}"),
    "toml.invalid_character": ("found invalid character {char}", "có ký tự không hợp lệ {char}"),
    "toml.declared_twice": ("cannot declare {key} twice", "không được khai báo {key} hai lần"),
    "toml.overwrite": ("cannot overwrite a value", "không được ghi đè một giá trị đã có"),
    "toml.table_end": (
        "expected ']' at the end of a table declaration",
        "thiếu ']' ở cuối dòng khai báo bảng",
    ),
    "toml.immutable": (
        "cannot mutate immutable namespace {key}",
        "không được thêm vào {key}: bảng viết trên một dòng hoặc mảng đã viết xong "
        "thì không sửa được",
    ),
    "toml.array_end": (
        "expected ']]' at the end of an array declaration",
        "thiếu ']]' ở cuối dòng khai báo mảng bảng",
    ),
    "toml.redefine": ("cannot redefine namespace {key}", "không được định nghĩa lại {key}"),
    "toml.expected_equals": (
        "expected '=' after a key in a key/value pair",
        "thiếu '=' sau tên khóa trong cặp khóa = giá trị",
    ),
    "toml.key_start": (
        "invalid initial character for a key part",
        "tên khóa bắt đầu bằng ký tự không hợp lệ",
    ),
    "toml.unclosed_array": ("unclosed array", "mảng chưa được đóng lại"),
    "toml.duplicate_inline_key": (
        "duplicate inline table key {key}",
        "khóa {key} bị lặp trong bảng viết trên một dòng",
    ),
    "toml.unclosed_inline_table": (
        "unclosed inline table",
        "bảng viết trên một dòng chưa được đóng lại",
    ),
    "toml.unescaped_backslash": (
        "unescaped '\\' in a string",
        "dấu '\\' trong chuỗi chưa được viết thành '\\\\'",
    ),
    "toml.invalid_hex": ("invalid hex value", "giá trị thập lục phân không hợp lệ"),
    "toml.not_scalar": (
        "escaped character is not a Unicode scalar value",
        "mã ký tự viết sau dấu '\\' không phải là ký tự Unicode hợp lệ",
    ),
    "toml.unterminated_string": ("unterminated string", "chuỗi chưa được đóng ngoặc kép"),
    "toml.illegal_character": ("illegal character {char}", "ký tự không được phép {char}"),
    "toml.invalid_date": ("invalid date or datetime", "ngày hoặc ngày-giờ không hợp lệ"),
    "toml.invalid_value": ("invalid value", "giá trị không hợp lệ"),
    # ------------------------------------------------------------ structure
    "load.top_level": ("the top level", "cấp ngoài cùng của tệp"),
    "load.not_nfc": (
        "text is not in Unicode NFC form; it is read as NFC",
        "văn bản không ở dạng Unicode dựng sẵn (NFC); được đọc theo dạng NFC",
    ),
    "load.not_nfc.hint": (
        "save the file with composed (NFC) characters",
        "lưu tệp với các ký tự dựng sẵn (NFC)",
    ),
    "load.missing_format": (
        "missing key 'format' at the top of the file",
        "thiếu khóa 'format' ở đầu tệp",
    ),
    "load.missing_format.hint": (
        "add `format = {version}` before the first table",
        "thêm `format = {version}` trước bảng đầu tiên",
    ),
    "load.format_version": (
        "format {version} is not one this version of ggov-plan reads",
        "phiên bản ggov-plan này không đọc được format {version}",
    ),
    "load.format_version.hint": (
        "write `format = {version}`, or upgrade ggov-plan",
        "ghi `format = {version}`, hoặc nâng cấp ggov-plan",
    ),
    "load.missing_table": ("missing table [{key}]", "thiếu bảng [{key}]"),
    "load.missing_table.hint": (
        "add a [{key}] table; `ggov-plan schema` describes its keys",
        "thêm bảng [{key}]; lệnh `ggov-plan schema` mô tả các khóa của bảng",
    ),
    "load.not_array": (
        "'{key}' must be an array of tables, written [[{key}]]",
        "'{key}' phải là một mảng bảng, viết dạng [[{key}]]",
    ),
    "load.not_array.hint": (
        "write each item under its own [[{key}]] header",
        "ghi mỗi mục dưới một tiêu đề [[{key}]] riêng",
    ),
    "load.not_table": (
        "{where} must be a table, not {value}",
        "{where} phải là một bảng, không phải {value}",
    ),
    "load.not_table.hint": (
        "write it as a {where} header followed by key = value lines",
        "ghi thành một tiêu đề {where}, tiếp theo là các dòng khóa = giá trị",
    ),
    # The field's documentation follows in parentheses when it exists in the
    # language: today only in English (ggov_plan.plan.model).
    "load.missing_key": ("{label} has no '{key}'", "{label} thiếu khóa '{key}'"),
    "load.missing_key.hint": ("add `{key} = …` to this table", "thêm `{key} = …` vào bảng này"),
    "load.bad_id": (
        "{label}: id {value} may hold only ASCII letters, digits, '-', '_' and '.'",
        "{label}: mã {value} chỉ được gồm chữ cái ASCII, chữ số, '-', '_' và '.'",
    ),
    "load.bad_id.hint": (
        "write it without spaces or diacritics, e.g. {example}",
        "viết không dấu, không khoảng trắng, ví dụ {example}",
    ),
    "load.empty_value": ("{label}: '{key}' is empty", "{label}: '{key}' đang để trống"),
    "load.empty_value.hint": ("write the {key}", "điền giá trị cho '{key}'"),
    "load.bad_value": (
        "{label}: '{key}' is {value}, not one of {choices}",
        "{label}: '{key}' là {value}, không thuộc các giá trị được phép: {choices}",
    ),
    "load.wrong_type": (
        "{label}: '{key}' must be {kind}, not {value}",
        "{label}: '{key}' phải là {kind}, không phải {value}",
    ),
    "load.unknown_key": ("unknown key '{key}' in {where}", "khóa '{key}' không hợp lệ ở {where}"),
    "load.unknown_key.hint": ("allowed keys: {keys}", "các khóa được dùng: {keys}"),
    # What a key must be, by the kind of its spec.
    "load.kind.id": (
        "an id (letters, digits, '-', '_' or '.')",
        "một mã (chữ cái, chữ số, '-', '_' hoặc '.')",
    ),
    "load.kind.text": ("a string", "một chuỗi văn bản"),
    "load.kind.money": ("a whole number of đồng", "một số đồng nguyên"),
    "load.kind.quantity": ("a whole number", "một số nguyên"),
    "load.kind.date": ("a date", "một ngày"),
    "load.kind.datetime": ("a date-time", "một ngày-giờ"),
    "load.kind.ref": ("an id (a string)", "một mã (dạng chuỗi)"),
    "load.kind.refs": ("a list of ids", "một danh sách mã"),
    "load.kind.texts": ("a list of strings", "một danh sách chuỗi văn bản"),
    "load.kind.flag": ("true or false", "true hoặc false"),
    "load.kind.measure": (
        "a whole number, or a number with at most two decimals",
        "một số nguyên, hoặc một số có tối đa hai chữ số thập phân",
    ),
    "load.kind.values": (
        "an inline table of numbers, e.g. {{ cap-tinh = 318 }}",
        "một bảng nội dòng gồm các số, ví dụ {{ cap-tinh = 318 }}",
    ),
    "load.kind.table": ("a table", "một bảng"),
    "load.kind.tables": ("an array of tables", "một mảng bảng"),
    # How to write a value of the kind.
    "load.example.money": (
        "write whole đồng with no separators or quotes, e.g. 213000000 or 213_000_000",
        "ghi số đồng nguyên, không dấu phân cách, không ngoặc kép, "
        "ví dụ 213000000 hoặc 213_000_000",
    ),
    "load.example.quantity": (
        "write a whole number with no quotes, e.g. 4",
        "ghi một số nguyên, không ngoặc kép, ví dụ 4",
    ),
    "load.example.date": (
        "write a TOML date with no quotes, e.g. 2017-08-18",
        "ghi ngày theo kiểu TOML, không ngoặc kép, ví dụ 2017-08-18",
    ),
    "load.example.date_string": (
        "write a TOML date with no quotes, in year-month-day order, e.g. 2017-08-18",
        "ghi ngày theo kiểu TOML, không ngoặc kép, theo thứ tự năm-tháng-ngày, ví dụ 2017-08-18",
    ),
    "load.example.datetime": (
        "write a TOML date-time with no quotes, e.g. 2017-08-18T09:30:00+07:00",
        "ghi ngày-giờ theo kiểu TOML, không ngoặc kép, ví dụ 2017-08-18T09:30:00+07:00",
    ),
    "load.example.refs": (
        'write a list of ids, e.g. ["so-tttt", "bao-ap-bac"]',
        'ghi một danh sách mã, ví dụ ["so-tttt", "bao-ap-bac"]',
    ),
    "load.example.text": (
        'write the text in double quotes, e.g. "Sở Tài chính"',
        'ghi văn bản trong ngoặc kép, ví dụ "Sở Tài chính"',
    ),
    # What a value in the file is, as a wrong-type message shows it.
    "load.value.boolean": ("the boolean {value}", "giá trị logic {value}"),
    "load.value.string": ("the string {value}", "chuỗi {value}"),
    "load.value.number": ("the number {value}", "số {value}"),
    "load.value.decimal": ("the decimal number {value}", "số thập phân {value}"),
    "load.value.datetime": ("the date-time {value}", "ngày-giờ {value}"),
    "load.value.date": ("the date {value}", "ngày {value}"),
    "load.value.time": ("the time {value}", "giờ {value}"),
    "load.value.list": ("a list", "một danh sách"),
    "load.value.table": ("a table", "một bảng"),
    # ------------------------------------------------------------ rules
    "rule.bad_timezone": (
        "plan: 'timezone' is {value}, not a time zone name",
        "kế hoạch: 'timezone' là {value}, không phải tên múi giờ",
    ),
    "rule.bad_timezone.hint": (
        "write an IANA name such as {example}, or remove the key (default {example})",
        "hãy ghi tên múi giờ IANA, ví dụ {example}, hoặc bỏ khóa này (mặc định {example})",
    ),
    "rule.duplicate_id": (
        "{record} id '{id}' is used twice; first at line {line}",
        "mã {record} '{id}' bị dùng hai lần; lần đầu ở dòng {line}",
    ),
    "rule.duplicate_id.hint": ("give this one a different id", "đặt cho bản ghi này một mã khác"),
    "rule.unknown_reference": (
        "{name}: '{key}' names {record} '{id}', which is not declared",
        "{name}: '{key}' ghi {record} '{id}', chưa được khai báo",
    ),
    "rule.unknown_reference.hint_declare": (
        "declare it in a [[{table}]] table",
        "hãy khai báo trong một bảng [[{table}]]",
    ),
    "rule.unknown_reference.hint_declare_or": (
        "declare it in a [[{table}]] table, or use one of: {ids}",
        "hãy khai báo trong một bảng [[{table}]], hoặc dùng một trong các mã: {ids}",
    ),
    "rule.budget_unknown": (
        "the plan states no amount for its budget or a funding source; the checks of "
        "sums and allocations against it were skipped",
        "kế hoạch không nêu số tiền của tổng kinh phí hoặc của một nguồn kinh phí; "
        "bỏ qua việc kiểm tra tổng và phân bổ theo số tiền đó",
    ),
    "rule.budget_unknown.hint": (
        "nothing to fix if the plan is funded 'trong dự toán được giao'; say so in [budget] text",
        "không cần sửa nếu kế hoạch dùng kinh phí 'trong dự toán được giao'; ghi rõ điều đó "
        "ở [budget] text",
    ),
    "rule.budget_sum": (
        "the funding sources add up to {parts} = {sum}, but the budget total is {total}",
        "các nguồn kinh phí cộng lại được {parts} = {sum}, nhưng tổng kinh phí là {total}",
    ),
    "rule.budget_sum.hint": (
        "correct the total or the source amounts so that they agree",
        "sửa tổng kinh phí hoặc số tiền của các nguồn cho khớp nhau",
    ),
    "rule.indicator_sum": (
        "indicator '{id}': its parts add up to {parts} = {sum}, not {value}",
        "chỉ tiêu '{id}': các phần cộng lại được {parts} = {sum}, không phải {value}",
    ),
    "rule.indicator_sum.hint": (
        "if the document prints these figures, keep them; otherwise correct them",
        "nếu văn bản in đúng các số liệu này thì giữ nguyên; nếu không thì sửa lại",
    ),
    "rule.milestone_after_deadline": (
        "indicator '{id}': a milestone is due {by}, after the target's deadline {deadline}",
        "chỉ tiêu '{id}': một mốc đến hạn ngày {by}, sau hạn của chỉ tiêu là ngày {deadline}",
    ),
    "rule.milestone_after_deadline.hint": (
        "a milestone leads up to the target: give it a date on or before the indicator's "
        "`by` (or the plan's end)",
        "mốc là bước tới chỉ tiêu: đặt ngày của mốc không muộn hơn `by` của chỉ tiêu "
        "(hoặc ngày kết thúc kế hoạch)",
    ),
    "rule.milestone_order": (
        "indicator '{id}': the milestone due {by} does not come after the one before it",
        "chỉ tiêu '{id}': mốc đến hạn ngày {by} không đứng sau mốc trước nó",
    ),
    "rule.milestone_order.hint": (
        "list milestones in date order, each on its own day",
        "ghi các mốc theo thứ tự ngày, mỗi mốc một ngày khác nhau",
    ),
    "rule.decimal_count": (
        "indicator '{id}': {value} has decimals, but the indicator counts whole units",
        "chỉ tiêu '{id}': {value} có phần thập phân, nhưng chỉ tiêu đếm theo đơn vị nguyên",
    ),
    "rule.decimal_count.hint": (
        'decimals are for a percentage (unit = "%"); write a whole number',
        'chỉ tỷ lệ phần trăm (unit = "%") mới có phần thập phân; hãy ghi số nguyên',
    ),
    "rule.unknown_part": (
        "indicator '{id}' has no part {part}",
        "chỉ tiêu '{id}' không có phần {part}",
    ),
    "rule.unknown_part.hint": (
        "name a part by its id, or by its label if it has none: {parts}",
        "ghi phần theo mã, hoặc theo tên nếu phần đó không có mã: {parts}",
    ),
    "rule.measurement_part_sum": (
        "measurement '{id}': its parts add up to {parts} = {sum}, not {value}",
        "kết quả đo '{id}': các phần cộng lại được {parts} = {sum}, không phải {value}",
    ),
    "rule.measurement_part_sum.hint": (
        "if the source gives these figures, keep them; otherwise correct them",
        "nếu nguồn số liệu ghi đúng như vậy thì giữ nguyên; nếu không thì sửa lại",
    ),
    "rule.void_target": (
        "a void must name exactly one record: a completion, a measurement or a cancellation",
        "một lần hủy bỏ phải nêu đúng một bản ghi: một kết quả thực hiện, một kết quả đo "
        "hoặc một việc hủy",
    ),
    "rule.void_target.hint": (
        'write one of completion = "ID", measurement = "ID" or cancellation = "ID"',
        'ghi một trong completion = "ID", measurement = "ID" hoặc cancellation = "ID"',
    ),
    "rule.issued_after_start": (
        "the plan starts on {start} but is issued on {issued}, later",
        "kế hoạch bắt đầu từ ngày {start} nhưng đến ngày {issued} mới ban hành",
    ),
    "rule.issued_after_start.hint": (
        "a plan cannot start before it is issued: check 'issued' and 'start'",
        "kế hoạch không thể bắt đầu trước ngày ban hành: kiểm tra 'issued' và 'start'",
    ),
    "rule.end_before_start": (
        "the plan ends on {end}, before it starts on {start}",
        "kế hoạch kết thúc ngày {end}, trước ngày bắt đầu {start}",
    ),
    "rule.end_before_start.hint": ("check 'start' and 'end'", "kiểm tra 'start' và 'end'"),
    "rule.basis_after_plan": (
        "legal basis '{id}' is dated {date}, after the plan itself ({issued})",
        "căn cứ '{id}' ghi ngày {date}, sau ngày ban hành của chính kế hoạch ({issued})",
    ),
    "rule.basis_after_plan.hint": ("check its date", "kiểm tra lại ngày của căn cứ này"),
    "rule.negative_amount": (
        "{name}: '{key}' is {value}; it cannot be negative",
        "{name}: '{key}' là {value}; giá trị này không được âm",
    ),
    "rule.negative_amount.hint": (
        "write a whole number of 0 or more",
        "ghi một số nguyên từ 0 trở lên",
    ),
    "rule.beyond_64_bits": (
        "{name}: '{key}' is {value}, beyond the 64-bit whole numbers of TOML",
        "{name}: '{key}' là {value}, vượt quá giới hạn số nguyên 64 bit của TOML",
    ),
    "rule.beyond_64_bits.hint": (
        "other TOML readers refuse a whole number beyond {most}; check the number of digits",
        "các chương trình đọc TOML khác không nhận số nguyên lớn hơn {most}; "
        "kiểm tra lại số chữ số",
    ),
    "rule.zero_target": (
        "activity '{id}': target is 0",
        "hoạt động '{id}': số lượng cần đạt ('target') bằng 0",
    ),
    "rule.zero_target.hint": (
        "a target is at least 1; cancel the activity instead",
        "số lượng cần đạt ít nhất là 1; nếu không thực hiện nữa thì hủy hoạt động",
    ),
    "rule.zero_quantity": (
        "completion '{id}': quantity is 0",
        "kết quả thực hiện '{id}': số lượng ('quantity') bằng 0",
    ),
    "rule.zero_quantity.hint": (
        "a completion records at least 1; void it instead",
        "mỗi lần thực hiện ghi nhận ít nhất 1; nếu ghi nhầm thì hủy bỏ ghi nhận",
    ),
    "rule.future_date": (
        "{name} is dated {date}, after today ({today})",
        "{name} ghi ngày {date}, sau ngày hôm nay ({today})",
    ),
    "rule.future_date.hint": (
        "record what was done once it is done, with the date it was done",
        "chỉ ghi nhận việc đã làm xong, kèm ngày thực hiện thực tế",
    ),
    "rule.outside_period": (
        "{name} is dated {date}, outside the plan period {start} – {end}",
        "{name} ghi ngày {date}, ngoài thời gian thực hiện kế hoạch {start} – {end}",
    ),
    "rule.outside_period.hint": ("check the date", "kiểm tra lại ngày"),
    "rule.over_allocated": (
        "activities allocate {amount} from source '{source}', which holds {holds}",
        "các hoạt động được phân bổ {amount} từ nguồn kinh phí '{source}', "
        "trong khi nguồn này chỉ có {holds}",
    ),
    "rule.over_allocated.hint_edit": (
        "lower the activities' costs or move some to another source; for example: "
        'ggov-plan activity edit {id} --cost {cost} --reason "over the source"',
        "giảm kinh phí của các hoạt động, hoặc chuyển một phần sang nguồn khác; ví dụ: "
        'ggov-plan activity edit {id} --cost {cost} --reason "vượt nguồn kinh phí"',
    ),
    "rule.over_allocated.hint_cancel": (
        "lower the activities' costs, move some to another source, or cancel one; for example: "
        'ggov-plan activity cancel {id} --reason "over the source"',
        "giảm kinh phí của các hoạt động, chuyển một phần sang nguồn khác, hoặc hủy một hoạt "
        'động; ví dụ: ggov-plan activity cancel {id} --reason "vượt nguồn kinh phí"',
    ),
    "rule.over_spent": (
        "completions spend {amount} from source '{source}', which holds {holds}",
        "các kết quả thực hiện đã chi {amount} từ nguồn kinh phí '{source}', "
        "trong khi nguồn này chỉ có {holds}",
    ),
    "rule.over_spent.hint": (
        "if this is what was spent, keep it and explain it in a note",
        "nếu thực tế đã chi như vậy thì giữ nguyên và giải thích trong phần ghi chú ('note')",
    ),
    # ------------------------------------------------------------ names
    "names.kind.task": ("task", "nhiệm vụ"),
    "names.kind.agency": ("agency", "cơ quan"),
    "names.kind.channel": ("channel", "hình thức"),
    "names.kind.content": ("content", "nội dung"),
    "names.kind.source": ("source", "nguồn kinh phí"),
    "names.kind.activity": ("activity", "hoạt động"),
    "names.kind.completion": ("completion", "kết quả thực hiện"),
    "names.kind.indicator": ("indicator", "chỉ tiêu"),
    "names.kind.measurement": ("measurement", "kết quả đo chỉ tiêu"),
    "names.part_not_found": (
        "{option}: indicator {indicator} has no part {typed}",
        "{option}: chỉ tiêu {indicator} không có phần {typed}",
    ),
    "names.part_not_found.hint": (
        "its parts: {parts}; name one by its id or a fragment of its label",
        "các phần của chỉ tiêu: {parts}; ghi mã hoặc một đoạn tên của phần đó",
    ),
    "names.part_not_found.hint_none": (
        "indicator {indicator} has no breakdown: leave --part out",
        "chỉ tiêu {indicator} không chia thành các phần: bỏ --part",
    ),
    "names.ambiguous": (
        "{option}: {typed} matches {count} records: {listing}",
        "{option}: {typed} khớp với {count} bản ghi: {listing}",
    ),
    "names.ambiguous.hint": (
        "give the id, or more of the name",
        "hãy nhập mã, hoặc nhập tên đầy đủ hơn",
    ),
    "names.not_found": (
        "{option}: no {kind} {typed} in this plan",
        "{option}: kế hoạch không có {kind} {typed}",
    ),
    "names.not_found.hint_ids": ("known ids: {ids}", "các mã hiện có: {ids}"),
    "names.not_found.hint_none": (
        "the plan has no {kind} yet",
        "kế hoạch chưa có {kind} nào",
    ),
    # ------------------------------------------------------------ journal
    "journal.not_a_journal": (
        "[[{key}]] cannot be appended: '{key}' is not a journal",
        "không thể ghi thêm [[{key}]]: '{key}' không thuộc phần nhật ký",
    ),
    "journal.text_changed": (
        "{file}: internal check failed: the new text does not keep the old text",
        "{file}: lỗi kiểm tra nội bộ: nội dung mới không giữ nguyên nội dung cũ của tệp",
    ),
    "journal.would_not_parse": (
        "{file}: the appended records would not parse; nothing was written",
        "{file}: các bản ghi thêm vào sẽ làm tệp không đọc được; chưa ghi gì vào tệp",
    ),
    "journal.would_not_parse.hint": (
        "the end of the file may hold an unfinished table or string; fix it by hand",
        "cuối tệp có thể còn một bảng hoặc chuỗi viết dở; hãy sửa trực tiếp trong tệp",
    ),
    "journal.would_not_read_back": (
        "{file}: the appended records would not read back as written; nothing was written",
        "{file}: các bản ghi thêm vào sẽ không được đọc lại đúng như đã ghi; chưa ghi gì vào tệp",
    ),
    "journal.would_not_read_back.hint": (
        "the last table in the file may absorb them: end the hand-written part "
        "with a complete table, and put nothing after the journal",
        "bảng cuối cùng trong tệp có thể nhận chúng làm của mình: hãy kết thúc phần viết tay "
        "bằng một bảng hoàn chỉnh, và không viết gì sau phần nhật ký",
    ),
    "journal.does_not_repair": (
        "{file} has {count} error(s), and a write is allowed on it only when it removes some "
        "and adds none; this one would not, so nothing was written",
        "{file} đang có {count} lỗi, và chỉ được ghi vào tệp khi việc ghi bớt được lỗi mà không "
        "thêm lỗi mới; lần ghi này không như vậy nên chưa ghi gì vào tệp",
    ),
    "journal.does_not_repair.hint": (
        "run ggov-plan check -p {file}: it names the command that repairs each error",
        "chạy ggov-plan check -p {file}: lệnh này chỉ ra cách sửa từng lỗi",
    ),
    "journal.would_be_invalid": (
        "{file}: this change would make the plan invalid; nothing was written",
        "{file}: thay đổi này sẽ làm kế hoạch không hợp lệ; chưa ghi gì vào tệp",
    ),
    "journal.busy": (
        "{path}: another ggov-plan is writing to this plan; gave up after {seconds} s",
        "{path}: một phiên ggov-plan khác đang ghi vào kế hoạch này; "
        "đã thôi chờ sau {seconds} giây",
    ),
    "journal.busy.hint": ("try again in a moment", "hãy thử lại sau giây lát"),
    "journal.changed": (
        "{path}: the plan changed while ggov-plan was writing to it (another program "
        "saved it, {times} times); nothing was written",
        "{path}: kế hoạch đã thay đổi trong khi ggov-plan đang ghi (một chương trình "
        "khác đã lưu tệp, {times} lần); chưa ghi gì",
    ),
    "journal.changed.hint": (
        "run the command again; close the plan in other programs first",
        "hãy chạy lại lệnh; trước đó hãy đóng kế hoạch trong các chương trình khác",
    ),
    "journal.retrying": (
        "{path}: the plan changed while ggov-plan was writing to it (another program "
        "saved it); reading it again, try {attempt} of {attempts}",
        "{path}: kế hoạch đã thay đổi trong khi ggov-plan đang ghi (một chương trình "
        "khác đã lưu tệp); đọc lại, lần thử {attempt}/{attempts}",
    ),
    "journal.cannot_lock": (
        "{path}: cannot take the lock {lock}: {reason}",
        "{path}: không khóa được tệp {lock}: {reason}",
    ),
    "journal.cannot_lock.hint": (
        "the plan's folder must be writable, and the lock file a plain file you may write: "
        "it takes the plan's group and mode, so ask its owner to give it those",
        "thư mục chứa kế hoạch phải ghi được, và tệp khóa phải là tệp thường mà bạn ghi được: "
        "tệp khóa lấy nhóm và quyền của kế hoạch, hãy nhờ chủ tệp đặt lại như vậy",
    ),
    "journal.not_utf8": (
        "{what} holds bytes that are not UTF-8 text",
        "{what} có byte không phải văn bản UTF-8",
    ),
    "journal.not_utf8.hint": (
        "type it again in a UTF-8 terminal (LANG=vi_VN.UTF-8 or C.UTF-8)",
        "hãy gõ lại trong terminal dùng UTF-8 (LANG=vi_VN.UTF-8 hoặc C.UTF-8)",
    ),
    "journal.bad_id": (
        "{option}: {id} is not a valid id",
        "{option}: {id} không phải là mã hợp lệ",
    ),
    "journal.bad_id.hint": (
        "use ASCII letters, digits, '-', '_' and '.', e.g. so-tttt-tv1",
        "chỉ dùng chữ cái ASCII, chữ số, '-', '_' và '.', ví dụ so-tttt-tv1",
    ),
    # ------------------------------------------------------------ command-line input
    # What a value is called when the caller does not name its option.
    # ------------------------------------------------------------ reporting periods
    "period.bad": (
        "{option}: {text} is not a period",
        "{option}: {text} không phải là một kỳ báo cáo",
    ),
    "period.bad.hint": (
        "write a year (2017), a half (2017-H1, 2017-H2), a quarter (2017-Q4) or a month "
        "(2017-10); or give --from and --to",
        "ghi một năm (2017), nửa năm (2017-H1, 2017-H2), một quý (2017-Q4) hoặc một tháng "
        "(2017-10); hoặc dùng --from và --to",
    ),
    "period.backwards": (
        "the period ends ({end}) before it starts ({start})",
        "kỳ báo cáo kết thúc ({end}) trước khi bắt đầu ({start})",
    ),
    "period.backwards.hint": (
        "give --from the first day and --to the last",
        "--from là ngày đầu, --to là ngày cuối của kỳ",
    ),
    "period.year": ("{year}", "năm {year}"),
    "period.half.1": ("the first half of {year}", "6 tháng đầu năm {year}"),
    "period.half.2": ("the second half of {year}", "6 tháng cuối năm {year}"),
    "period.quarter": ("quarter {roman} of {year}", "quý {roman} năm {year}"),
    "period.month": ("{month}/{year}", "tháng {month}/{year}"),
    "period.span": ("{start} to {end}", "từ ngày {start} đến ngày {end}"),
    "input.what.date": ("date", "ngày"),
    "input.what.amount": ("amount", "số tiền"),
    "input.what.quantity": ("quantity", "số lượng"),
    "input.date.bad": ("{what}: {text} is not a date", "{what}: {text} không phải là ngày"),
    "input.date.bad.hint": (
        "write it as YYYY-MM-DD (2017-08-18) or DD/MM/YYYY (18/08/2017)",
        "ghi theo dạng ngày/tháng/năm (18/08/2017) hoặc năm-tháng-ngày (2017-08-18)",
    ),
    "input.date.unreal": (
        "{what}: {text} is not a real date ({detail})",
        "{what}: {text} không phải là ngày hợp lệ ({detail})",
    ),
    "input.date.unreal.hint": ("check the day and month", "kiểm tra lại ngày và tháng"),
    # Why a date is not real, in Vietnamese; English shows Python's own words
    # (e.g. "month must be in 1..12"), as it always has.
    "input.date.month_range": ("the month must be 1 to 12", "tháng phải từ 1 đến 12"),
    "input.date.day_range": (
        "{month}/{year} has {days} days",
        "tháng {month}/{year} chỉ có {days} ngày",
    ),
    "input.date.year_range": ("the year must be 1 to 9999", "năm phải từ 1 đến 9999"),
    "input.amount.empty": ("{what}: {text} is empty", "{what}: {text} đang để trống"),
    "input.amount.bad": (
        "{what}: {text} is not an amount of money",
        "{what}: {text} không phải là số tiền",
    ),
    "input.amount.bad.hint": (
        "write whole đồng, e.g. 20000000, 20.000.000, 20,000,000 or 20 triệu; "
        "a decimal needs a unit word: 1,5 triệu, 2.5 tỷ, 500 nghìn",
        "ghi số đồng nguyên, ví dụ 20000000, 20.000.000, 20,000,000 hoặc 20 triệu; "
        "số thập phân phải có đơn vị đi kèm: 1,5 triệu, 2.5 tỷ, 500 nghìn",
    ),
    "input.amount.negative": ("{what}: {text} is negative", "{what}: {text} là số âm"),
    "input.amount.negative.hint": ("an amount is 0 or more", "số tiền phải từ 0 trở lên"),
    "input.amount.decimal": (
        "{what}: {text} is ambiguous: a decimal mark needs a unit word after it",
        "{what}: {text} chưa rõ nghĩa: số có dấu thập phân phải có đơn vị đi kèm "
        "(nghìn, triệu, tỷ)",
    ),
    "input.amount.group_or_decimal": (
        "{what}: {text} is ambiguous: {grouped} or {decimal}?",
        "{what}: {text} chưa rõ nghĩa: là {grouped} hay {decimal}?",
    ),
    "input.amount.group_or_decimal.hint": (
        "write {grouped}, or {decimal} for the decimal",
        "ghi {grouped}, hoặc {decimal} nếu là số thập phân",
    ),
    "input.amount.fraction": (
        "{what}: {text} is not a whole number of đồng ({exact} đồng)",
        "{what}: {text} không phải là số đồng nguyên ({exact} đồng)",
    ),
    "input.amount.fraction.hint": (
        "a đồng has no fraction: round it, e.g. {lower} or {upper}",
        "số tiền không có phần lẻ dưới một đồng: hãy làm tròn, ví dụ {lower} hoặc {upper}",
    ),
    "input.amount.too_large": (
        "{what}: {text} is more than {most} đồng",
        "{what}: {text} vượt quá {most} đồng",
    ),
    "input.amount.too_large.hint": (
        "check the number of zeros: at most {most} đồng (một triệu tỷ) is accepted",
        "kiểm tra lại số chữ số 0: chỉ nhận tối đa {most} đồng (một triệu tỷ)",
    ),
    "input.quantity.bad": (
        "{what}: {text} is not a whole number of 1 or more",
        "{what}: {text} không phải là số nguyên từ 1 trở lên",
    ),
    "input.quantity.bad.hint": ("e.g. 1, 2 or 10", "ví dụ 1, 2 hoặc 10"),
    "input.what.measure": ("value", "giá trị"),
    "input.measure.bad": (
        "{what}: {text} is not a number",
        "{what}: {text} không phải là số",
    ),
    "input.measure.bad.hint": (
        "write a whole number (795), or for a percentage up to two decimals (80,5 or 80.5)",
        "ghi số nguyên (795), hoặc với chỉ tiêu tính theo % thì tối đa hai chữ số thập phân "
        "(80,5 hoặc 80.5)",
    ),
    "input.measure.negative": ("{what}: {text} is negative", "{what}: {text} là số âm"),
    "input.measure.negative.hint": ("a value is 0 or more", "giá trị phải từ 0 trở lên"),
    "input.measure.decimal": (
        "{what}: {text} has decimals, and this indicator counts whole units",
        "{what}: {text} có phần thập phân, mà chỉ tiêu này đếm theo số nguyên",
    ),
    "input.measure.decimal.hint": (
        "write a whole number, e.g. 795; only a percentage indicator (unit %) takes decimals",
        "ghi số nguyên, ví dụ 795; chỉ chỉ tiêu tính theo % mới có phần thập phân",
    ),
    "input.measure.decimals": (
        "{what}: {text} has more than two decimals",
        "{what}: {text} có quá hai chữ số thập phân",
    ),
    "input.measure.decimals.hint": (
        "round it to two decimals, e.g. 80,25",
        "làm tròn đến hai chữ số thập phân, ví dụ 80,25",
    ),
    "input.measure.too_large": (
        "{what}: {text} is too large",
        "{what}: {text} quá lớn",
    ),
    "input.measure.too_large.hint": ("at most {most}", "tối đa {most}"),
    "input.quantity.too_large": (
        "{what}: {text} is more than {most}",
        "{what}: {text} vượt quá {most}",
    ),
    "input.quantity.too_large.hint": (
        "check the number of digits: at most {most} is accepted",
        "kiểm tra lại số chữ số: chỉ nhận tối đa {most}",
    ),
    # ------------------------------------------------------------ writing files
    "atomic.cannot_write": ("{path}: cannot write: {reason}", "{path}: không ghi được: {reason}"),
    "atomic.cannot_write.hint": (
        "check the folder's permissions and free space",
        "kiểm tra quyền ghi vào thư mục và dung lượng trống",
    ),
    # Why a write failed, in Vietnamese, by errno; English shows the system's
    # own words (e.g. "permission denied"), as it always has.
    "atomic.reason.permission": ("permission denied", "không có quyền ghi"),
    "atomic.reason.no_space": ("no space left on device", "hết dung lượng trống trên ổ đĩa"),
    "atomic.reason.quota": ("disk quota exceeded", "vượt hạn mức dung lượng được cấp"),
    "atomic.reason.read_only": (
        "read-only file system",
        "hệ thống tệp chỉ cho phép đọc",
    ),
    "atomic.reason.name_too_long": ("file name too long", "tên tệp quá dài"),
    "atomic.reason.symlink_loop": (
        "too many levels of symbolic links",
        "quá nhiều tầng liên kết tượng trưng (symbolic link)",
    ),
    "atomic.reason.not_a_folder": ("not a directory", "một phần của đường dẫn không phải thư mục"),
    "atomic.reason.io": ("input/output error", "lỗi đọc/ghi thiết bị"),
    "atomic.no_folder": (
        "{path}: the folder {folder} does not exist; nothing was written",
        "{path}: không có thư mục {folder}; chưa ghi gì vào tệp",
    ),
    "atomic.no_folder.hint": (
        "create it first (mkdir -p {folder}), or choose another path",
        "hãy tạo thư mục trước (mkdir -p {folder}), hoặc chọn đường dẫn khác",
    ),
    "atomic.not_a_folder": (
        "{path}: {folder} is not a folder; nothing was written",
        "{path}: {folder} không phải là thư mục; chưa ghi gì vào tệp",
    ),
    "atomic.is_folder": (
        "{path}: is a folder; nothing was written",
        "{path}: là một thư mục; chưa ghi gì vào tệp",
    ),
    "atomic.is_folder.hint": ("name a file", "hãy chỉ rõ tên tệp"),
    "atomic.is_folder.hint_new": (
        "name the new .toml file, e.g. {example}",
        "hãy đặt tên cho tệp .toml mới, ví dụ {example}",
    ),
    "atomic.exists": (
        "{path}: already exists; init never overwrites a file, and left it as it was",
        "{path}: tệp đã tồn tại; init không bao giờ ghi đè tệp đã có nên tệp vẫn được giữ nguyên",
    ),
    "atomic.exists.hint": (
        "choose another name, or move the old file away first",
        "chọn tên khác, hoặc chuyển tệp cũ đi nơi khác trước",
    ),
    # ------------------------------------------------------------ problems
    "plan.invalid": (
        "{file}: {count} error(s); the plan must pass `ggov-plan check` first",
        "{file}: có {count} lỗi; kế hoạch phải qua được `ggov-plan check` trước đã",
    ),
    # ------------------------------------------------------------ write.changes
    # A write the plan refuses before anything is appended (journal.*: they
    # refuse a journal record).
    "journal.already_cancelled": (
        "activity {id!r} is already cancelled",
        "hoạt động {id!r} đã bị hủy",
    ),
    "journal.record_on_cancelled": (
        "activity {id!r} is cancelled: work cannot be recorded for it",
        "hoạt động {id!r} đã bị hủy: không thể ghi nhận kết quả cho hoạt động này",
    ),
    "journal.record_on_cancelled.hint": (
        "if it was cancelled by mistake, run: ggov-plan activity reopen {id} --reason TEXT",
        "nếu hủy nhầm, hãy chạy: ggov-plan activity reopen {id} --reason LÝ_DO",
    ),
    # What a write did (the line after the id) and what it risks (before it lands).
    "journal.summary.activity": (
        "{id} {title}: {done}/{target}{unit}{money}{left}{state}",
        "{id} {title}: {done}/{target}{unit}{money}{left}{state}",
    ),
    "journal.summary.money": (", spent {spent} / {cost}", ", đã chi {spent} / {cost}"),
    "journal.summary.source_left": ("; {source}: {left} left", "; {source} còn {left}"),
    "journal.summary.cancelled": (" — cancelled", " — đã hủy"),
    "journal.summary.done": (" — done", " — hoàn thành"),
    "journal.summary.overdue": (" — overdue", " — quá hạn"),
    "journal.summary.indicator": (
        "{id} {label}: {value} / {target}{unit} — {state}",
        "{id} {label}: {value} / {target}{unit} — {state}",
    ),
    "journal.summary.indicator.not_measured": ("not measured", "chưa đo"),
    "journal.summary.indicator.met": ("met", "đạt"),
    "journal.summary.indicator.on_track": ("on track", "đúng tiến độ"),
    "journal.summary.indicator.behind": ("behind", "chậm tiến độ"),
    "journal.summary.indicator.missed": ("missed", "không đạt"),
    "journal.risk.outside_period": (
        "the date {date} is outside the plan period {start} – {end}",
        "ngày {date} nằm ngoài thời gian thực hiện kế hoạch {start} – {end}",
    ),
    "journal.risk.over_cost": (
        "activity '{id}' would have spent {total} in all, {over} over its cost of {cost}",
        "hoạt động '{id}' sẽ chi tổng cộng {total}, vượt {over} so với kinh phí {cost}",
    ),
    "journal.risk.over_source": (
        "source '{source}' has {left} left, and this spends {spent}",
        "nguồn kinh phí '{source}' chỉ còn {left}, khoản chi này là {spent}",
    ),
    "journal.strict_refused": (
        "refused under --strict: {count} warning(s) above; nothing was written",
        "từ chối do có --strict: {count} cảnh báo ở trên; chưa ghi gì vào tệp",
    ),
    "journal.strict_refused.hint": (
        "check the figures, or run it again without --strict to record it anyway",
        "kiểm tra lại số liệu, hoặc chạy lại không có --strict để vẫn ghi nhận",
    ),
    "journal.undo.empty": (
        "nothing to undo: the plan's journal has no record",
        "không có gì để hoàn tác: kế hoạch chưa có bản ghi nào được ghi thêm",
    ),
    "journal.undo.not_voidable": (
        "the last record, {record}, cannot be voided: undo voids a completion, "
        "a measurement or a cancellation",
        "bản ghi cuối cùng, {record}, không thể hủy bỏ: lệnh undo chỉ hủy bỏ "
        "kết quả thực hiện, kết quả đo chỉ tiêu hoặc việc hủy hoạt động",
    ),
    "journal.undo.hint.activity": (
        "cancel it: ggov-plan activity cancel ID --reason …",
        "hủy hoạt động: ggov-plan activity cancel ID --reason …",
    ),
    "journal.undo.hint.amendment": (
        "correct it with another: ggov-plan activity edit ID … --reason …",
        "điều chỉnh lại: ggov-plan activity edit ID … --reason …",
    ),
    "journal.undo.hint.void": (
        "a void is not undone: record the work or the value again",
        "không thể hoàn tác việc hủy bỏ ghi nhận: hãy ghi nhận lại",
    ),
    "journal.undo.hint.note": (
        "a note cannot be voided; add a note that corrects it",
        "không thể hủy bỏ ghi chú; hãy thêm một ghi chú đính chính",
    ),
    "journal.undo.not_yours": (
        "the last record, {record}, was recorded by {who}, not by {user}: "
        "undo voids only your own last record",
        "bản ghi cuối cùng, {record}, do {who} ghi, không phải {user}: "
        "lệnh undo chỉ hoàn tác bản ghi cuối cùng của chính mình",
    ),
    "journal.undo.not_yours.hint": (
        "void it by its id (record --void, measure --void, activity reopen), "
        "or name its recorder with --by",
        "hủy bỏ theo mã (record --void, measure --void, activity reopen), "
        "hoặc ghi rõ người đã ghi bằng --by",
    ),
    "journal.undo.moved": (
        "the plan changed since: the last record is now {record}",
        "kế hoạch đã thay đổi: bản ghi cuối cùng bây giờ là {record}",
    ),
    "journal.undo.moved.hint": (
        "run undo again to see what it would void",
        "chạy lại undo để xem sẽ hoàn tác bản ghi nào",
    ),
    "journal.undo.already_void": (
        "cancellation {id!r} is already void",
        "việc hủy {id!r} đã được hủy bỏ trước đó",
    ),
    "journal.not_cancelled": (
        "activity {id!r} is not cancelled: there is nothing to reopen",
        "hoạt động {id!r} chưa bị hủy: không có gì để mở lại",
    ),
    "journal.nothing_to_amend": (
        "activity {id!r}: nothing to change; give at least one new value",
        "hoạt động {id!r}: không có gì để điều chỉnh; hãy nêu ít nhất một giá trị mới",
    ),
    "journal.nothing_to_amend.hint": (
        "--title, --agency, --due, --target, --unit, --cost or --source",
        "--title, --agency, --due, --target, --unit, --cost hoặc --source",
    ),
    "journal.already_void": ("completion {id!r} is already void", "kết quả {id!r} đã được hủy bỏ"),
    "journal.measurement_already_void": (
        "measurement {id!r} is already void",
        "kết quả đo {id!r} đã được hủy bỏ",
    ),
    "journal.id_taken": ("--id: {key} {id!r} already exists", "--id: {key} {id!r} đã có"),
    "journal.id_taken.hint": (
        "it was recorded with other values; choose another id, or give the same values again",
        "mã này đã được ghi với giá trị khác; hãy chọn mã khác, hoặc nhập lại đúng các giá trị cũ",
    ),
    "journal.already_recorded": (
        "{id} was already recorded with these values; nothing to write",
        "{id} đã được ghi với đúng các giá trị này; không ghi thêm",
    ),
    "journal.not_in_plan": ("{record} is not in the plan", "{record} không có trong kế hoạch"),
    "journal.not_in_plan.hint": (
        "the file may have changed since it was read; run the command again",
        "tệp có thể đã thay đổi sau khi được đọc; hãy chạy lại lệnh",
    ),
}
