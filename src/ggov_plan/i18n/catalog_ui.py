"""Strings of tables, headings and command messages, in English and Vietnamese,
and the commented template `init --blank` writes.

Part of the one catalog, :data:`ggov_plan.i18n.CATALOG`.
"""

from __future__ import annotations

#: The plan ``init --blank`` writes (fields: format, year); see cli_tools.blank_template.
_TEMPLATE_EN = """\
# A new ggov-plan plan file, made by `ggov-plan init --blank`.
#
# Replace every TODO and placeholder with what the document says.
# `ggov-plan schema` describes every table and key, and
# `ggov-plan init example.toml --from sample:plan2017` writes a complete plan
# to read as an example; after each edit, `ggov-plan check FILE` names what
# is wrong, line by line.
# Ids (id = "...") are ASCII letters, digits, '-', '_' and '.'; other tables
# refer to a record by its id, so choose them once and keep them.

format = {format}

[plan]
kind = "Kế hoạch"
number = "TODO/KH-UBND"              # số ký hiệu
title = "TODO: trích yếu của kế hoạch"
issuer = "ubnd-tinh"                 # id of the [[agency]] that issued it
place = "TODO"                       # place name of the place-date line
issued = {year}-01-01                  # dates are TOML dates, not quoted
start = {year}-01-01
end = {year}-12-31
lead_agency = "ubnd-tinh"            # the agency that leads and tracks the plan
reports_to = "ubnd-tinh"

# Who signed it (optional):
# [plan.signer]
# name = "TODO"
# position = "Chủ tịch"
# authority = "KT. Chủ tịch"

# Also optional, each described by `ggov-plan schema`: [[legal_basis]],
# [[objective]], [[portal]], [[indicator]], [[content]] and [[channel]].

[[agency]]
id = "ubnd-tinh"
name = "Ủy ban nhân dân tỉnh TODO"
short = "UBND tỉnh"

[[task]]
id = "nhiem-vu-1"
section = "V.1"                      # where the document assigns it
agency = "ubnd-tinh"                 # the lead agency, by id
text = "TODO: the task, verbatim from the document."

[budget]
total = 0                            # whole đồng, e.g. 213_000_000

# The sources must add up to the total.
[[budget.source]]
id = "ngan-sach"
name = "Ngân sách tỉnh"
amount = 0

# ---------------------------------------------------------------------------
# Journal: `ggov-plan activity add`, `record`, ... append their records below
# this line. Keep the declaration above it.
"""
_TEMPLATE_VI = """\
# Tệp kế hoạch ggov-plan mới, tạo bằng lệnh `ggov-plan init --blank`.
#
# Thay mọi chỗ TODO và giá trị mẫu bằng nội dung của văn bản.
# Lệnh `ggov-plan schema` mô tả từng bảng và từng khóa, và lệnh
# `ggov-plan init vi-du.toml --from sample:plan2017` tạo một kế hoạch đầy đủ
# để xem làm ví dụ; sau mỗi lần sửa, lệnh `ggov-plan check TỆP` chỉ ra chỗ
# sai theo từng dòng.
# Mã (id = "...") chỉ gồm chữ cái ASCII, chữ số, '-', '_' và '.'; các bảng
# khác dẫn chiếu đến một bản ghi bằng mã của nó, nên chọn mã một lần rồi giữ
# nguyên.

format = {format}

[plan]
kind = "Kế hoạch"
number = "TODO/KH-UBND"              # số, ký hiệu
title = "TODO: trích yếu của kế hoạch"
issuer = "ubnd-tinh"                 # mã [[agency]] của cơ quan ban hành
place = "TODO"                       # địa danh ghi trước ngày, tháng, năm ban hành
issued = {year}-01-01                  # ngày theo kiểu TOML, không ngoặc kép
start = {year}-01-01
end = {year}-12-31
lead_agency = "ubnd-tinh"            # cơ quan chủ trì, theo dõi thực hiện kế hoạch
reports_to = "ubnd-tinh"

# Người ký (không bắt buộc):
# [plan.signer]
# name = "TODO"
# position = "Chủ tịch"
# authority = "KT. Chủ tịch"

# Cũng không bắt buộc, mô tả trong `ggov-plan schema`: [[legal_basis]],
# [[objective]], [[portal]], [[indicator]], [[content]] và [[channel]].

[[agency]]
id = "ubnd-tinh"
name = "Ủy ban nhân dân tỉnh TODO"
short = "UBND tỉnh"

[[task]]
id = "nhiem-vu-1"
section = "V.1"                      # mục của văn bản giao nhiệm vụ này
agency = "ubnd-tinh"                 # mã của cơ quan chủ trì
text = "TODO: nội dung nhiệm vụ, chép nguyên văn từ văn bản."

[budget]
total = 0                            # số đồng nguyên, ví dụ 213_000_000

# Các nguồn cộng lại phải bằng tổng kinh phí.
[[budget.source]]
id = "ngan-sach"
name = "Ngân sách tỉnh"
amount = 0

# ---------------------------------------------------------------------------
# Nhật ký: các lệnh `ggov-plan activity add`, `record`, ... ghi thêm bản ghi
# vào dưới dòng này. Giữ phần khai báo ở phía trên.
"""

#: key → (English, Vietnamese)
ENTRIES: dict[str, tuple[str, str]] = {
    # --- table columns ("col.<key>", see render.terminal.make_table)
    "col.id": ("Id", "Mã"),
    "col.number": ("Number", "Số, ký hiệu"),
    "col.date": ("Date", "Ngày"),
    "col.issuer": ("Issuer", "Cơ quan ban hành"),
    "col.subject": ("Subject", "Trích yếu"),
    "col.indicator": ("Indicator", "Chỉ tiêu"),
    "col.value": ("Value", "Giá trị"),
    "col.unit": ("Unit", "Đơn vị tính"),
    "col.portal": ("Portal", "Cổng thông tin"),
    "col.topic": ("Topic", "Nội dung"),
    "col.channel": ("Channel", "Hình thức"),
    "col.section": ("Section", "Mục"),
    "col.short_name": ("Short name", "Tên viết tắt"),
    "col.name": ("Name", "Tên"),
    "col.tasks": ("Tasks", "Nhiệm vụ"),
    "col.source_long": ("Funding source", "Nguồn kinh phí"),
    "col.source": ("Source", "Nguồn"),
    "col.amount_vnd": ("Amount (VND)", "Số tiền (đồng)"),
    "col.percent": ("%", "%"),
    "col.percent_spent": ("% spent", "% đã chi"),
    "col.declared": ("Declared", "Dự toán"),
    "col.allocated": ("Allocated", "Đã phân bổ"),
    "col.spent": ("Spent", "Đã chi"),
    "col.remaining": ("Remaining", "Còn lại"),
    "col.state": ("State", "Trạng thái"),
    "col.count": ("Count", "Số lượng"),
    "col.title": ("Title", "Tên hoạt động"),
    "col.agency": ("Agency", "Cơ quan"),
    "col.due": ("Due", "Hạn"),
    "col.done": ("Done", "Đã làm"),
    "col.qty": ("Qty", "SL"),
    "col.done_qty": ("Done (qty)", "Đã làm (SL)"),
    "col.spent_vnd": ("Spent (VND)", "Đã chi (đồng)"),
    "col.evidence": ("Evidence", "Minh chứng"),
    "col.note": ("Note", "Ghi chú"),
    "col.activities": ("Activities", "Hoạt động"),
    "col.progress": ("Progress", "Tiến độ"),
    "col.cumulative": ("Cumulative", "Lũy kế"),
    "col.month": ("Month", "Tháng"),
    "col.task": ("Task", "Nhiệm vụ"),
    "col.content": ("Content", "Nội dung"),
    # --- table and section titles
    "title.legal_bases": ("Legal bases", "Căn cứ"),
    "title.objectives": ("Objectives", "Mục tiêu"),
    "title.indicators": ("Indicators", "Chỉ tiêu"),
    "title.contents": ("Content topics", "Nội dung tuyên truyền"),
    "title.channels": ("Channels", "Hình thức tuyên truyền"),
    "title.agencies": ("Agencies", "Cơ quan, đơn vị"),
    "title.tasks_by_lead": ("Tasks by lead agency", "Nhiệm vụ theo cơ quan chủ trì"),
    "title.budget": ("Budget", "Kinh phí"),
    "title.budget_by_source": (
        "Budget by funding source, in VND",
        "Kinh phí theo nguồn, đơn vị: đồng",
    ),
    "title.activities": ("Activities", "Hoạt động"),
    "title.overdue": ("Overdue", "Quá hạn"),
    "status.overdue_more": (
        "… and {count} more: ggov-plan activity list --status overdue",
        "… và {count} hoạt động nữa: ggov-plan activity list --status overdue",
    ),
    # --- rows and short labels
    "row.total": ("Total", "Tổng cộng"),
    "row.no_source": ("(no source named)", "(chưa ghi nguồn)"),
    "row.none": ("(none)", "(không có)"),
    "head.issued_line": (
        "Issued {place}, {date} by {issuer}   period {start} – {end}",
        "Ban hành tại {place}, ngày {date}; cơ quan ban hành: {issuer}; "
        "thời gian thực hiện: {start} – {end}",
    ),
    "head.lead_line": (
        "Lead agency {lead}   reports to {reports_to}",
        "Cơ quan chủ trì: {lead}; báo cáo kết quả về: {reports_to}",
    ),
    "head.signed_line": ("Signed {signer}", "Người ký: {signer}"),
    "head.as_of": ("As of", "Tính đến ngày"),
    "show.of_which": ("of which", "trong đó"),
    "show.directs": ("directs", "chỉ đạo"),
    "show.with": ("with", "phối hợp"),
    "show.via": ("via", "qua"),
    "show.in_words": ("In words:", "Bằng chữ:"),
    "state.planned": ("planned", "chưa thực hiện"),
    "state.in_progress": ("in progress", "đang thực hiện"),
    "state.done": ("done", "hoàn thành"),
    "state.overdue": ("overdue", "quá hạn"),
    "state.cancelled": ("cancelled", "đã hủy"),
    "status.no_activities": (
        "No activities yet: the plan declares tasks; add the activities that carry "
        "them out with `ggov-plan activity add`.",
        "Chưa có hoạt động nào: kế hoạch mới nêu nhiệm vụ; thêm các hoạt động thực "
        "hiện nhiệm vụ bằng `ggov-plan activity add`.",
    ),
    "status.progress": ("Progress", "Tiến độ"),
    "status.done": ("done", "đã làm"),
    "status.spent": ("spent", "đã chi"),
    "status.of": ("of", "trên"),
    # --- tracking commands (render.tracking)
    "track.activities_title": (
        "Activities as of {as_of}, money in VND",
        "Hoạt động tính đến ngày {as_of}, đơn vị tiền: đồng",
    ),
    "track.no_match": ("No activities match.", "Không có hoạt động nào phù hợp."),
    "track.task": ("Task", "Nhiệm vụ"),
    "track.agency": ("agency", "cơ quan"),
    "track.channel": ("Channel", "Hình thức"),
    "track.contents": ("contents", "nội dung"),
    "track.due": ("Due", "Hạn"),
    "track.done": ("done", "đã làm"),
    "track.state": ("state", "trạng thái"),
    "track.as_of": ("as of", "tính đến"),
    "track.cost": ("Cost", "Dự kiến chi"),
    "track.spent": ("spent", "đã chi"),
    "track.source": ("source", "nguồn"),
    "track.cancelled": ("Cancelled", "Đã hủy"),
    "track.completions": ("Completions", "Kết quả thực hiện"),
    "track.no_completions": ("No completions recorded yet.", "Chưa ghi nhận kết quả nào."),
    "track.void": ("VOID:", "ĐÃ HỦY BỎ:"),
    "track.after_as_of": ("after the as-of date", "sau ngày tính"),
    "track.progress_title": (
        "Progress by {by} as of {as_of}",
        "Tiến độ theo {by} tính đến ngày {as_of}",
    ),
    "track.budget_title": (
        "Budget by {by} as of {as_of}, in VND",
        "Kinh phí theo {by} tính đến ngày {as_of}, đơn vị: đồng",
    ),
    "track.nothing_yet": ("Nothing recorded yet.", "Chưa ghi nhận gì."),
    "track.overall": ("Overall", "Chung"),
    "track.budget_note": (
        "Only funding sources have declared amounts; for other groups, remaining is "
        "allocated minus spent.",
        "Chỉ nguồn kinh phí có dự toán; với các nhóm khác, còn lại là số đã phân bổ trừ số đã chi.",
    ),
    "by.task": ("task", "nhiệm vụ"),
    "by.agency": ("agency", "cơ quan"),
    "by.channel": ("channel", "hình thức"),
    "by.content": ("content", "nội dung"),
    "by.month": ("month", "tháng"),
    "by.source": ("source", "nguồn"),
    # --- command-line messages (shell, cli_*)
    "shell.error": ("ggov-plan: error: {message}", "ggov-plan: lỗi: {message}"),
    "shell.hint": ("hint: {hint}", "gợi ý: {hint}"),
    "shell.interrupted": (
        "Stopped; nothing was written to the plan.",
        "Đã dừng; không ghi gì vào kế hoạch.",
    ),
    # --- click's usage errors, worded again under --lang vi (cli.shell._usage_text)
    "usage.usage": ("Usage:", "Cách dùng:"),
    "usage.try": ("Try '{command}' for help.", "Xem '{command}' để biết cách dùng."),
    "usage.error": ("Error: {message}", "Lỗi: {message}"),
    "usage.no_such_option": ("No such option: {option}", "Không có tùy chọn {option}"),
    "usage.possible_options": ("(Possible options: {options})", "(có thể là: {options})"),
    "usage.no_such_command": ("No such command {name}.", "Không có lệnh {name}."),
    "usage.did_you_mean": ("Did you mean {names}?", "Có phải là {names}?"),
    "usage.missing_argument": ("Missing argument {name}.", "Thiếu đối số {name}."),
    "usage.missing_option": ("Missing option {name}.", "Thiếu tùy chọn {name}."),
    "usage.missing_command": ("Missing command.", "Thiếu tên lệnh."),
    "usage.invalid_value": ("Invalid value for {param}: ", "Giá trị không hợp lệ cho {param}: "),
    "usage.not_one_of": (
        "{value} is not one of {choices}.",
        "{value} không phải một trong các giá trị {choices}.",
    ),
    "usage.extra_arguments": (
        "Got unexpected extra argument(s) ({args})",
        "Thừa đối số không dùng đến ({args})",
    ),
    "usage.requires_argument": (
        "Option {option} requires an argument.",
        "Tùy chọn {option} cần một giá trị đi kèm.",
    ),
    "usage.takes_no_value": (
        "Option {option} does not take a value.",
        "Tùy chọn {option} không nhận giá trị.",
    ),
    "usage.not_valid": ("{value} is not a valid {kind}.", "{value} không phải {kind} hợp lệ."),
    "shell.internal": ("ggov-plan: internal error: {error}", "ggov-plan: lỗi nội bộ: {error}"),
    "shell.internal.hint": (
        "this is a bug in ggov-plan {version}; rerun with {env}=1 for the traceback and report it",
        "đây là lỗi của ggov-plan {version}; chạy lại với {env}=1 để xem chi tiết và báo lỗi",
    ),
    "shell.output_failed": (
        "ggov-plan: error: the output could not be written: {reason}",
        "ggov-plan: lỗi: không ghi được kết quả ra: {reason}",
    ),
    "shell.written_output_failed": (
        "ggov-plan: {path} was written, but the output could not be: {reason}",
        "ggov-plan: đã ghi vào {path}, nhưng không in được kết quả ra: {reason}",
    ),
    "shell.written_output_failed.hint": (
        "do not run the command again; see what was written with activity list or activity show",
        "đừng chạy lại lệnh; xem bản ghi đã ghi bằng activity list hoặc activity show",
    ),
    "shell.notice": ("ggov-plan: {message}", "ggov-plan: {message}"),
    "shell.bad_lang": (
        "--lang / ${env}: {value!r} is not a language ggov-plan speaks",
        "--lang / ${env}: ggov-plan không hỗ trợ ngôn ngữ {value!r}",
    ),
    "shell.bad_lang.hint": (
        "use vi (tiếng Việt) or en (English)",
        "dùng vi (tiếng Việt) hoặc en (English)",
    ),
    "shell.warnings.one": (
        "ggov-plan: 1 warning in {file}; run `{command}` to see it",
        "ggov-plan: {file} có 1 cảnh báo; chạy `{command}` để xem",
    ),
    "shell.warnings.many": (
        "ggov-plan: {count} warnings in {file}; run `{command}` to see them",
        "ggov-plan: {file} có {count} cảnh báo; chạy `{command}` để xem",
    ),
    "check.valid": ("valid", "hợp lệ"),
    "check.invalid": ("invalid", "không hợp lệ"),
    "check.error": ("error", "lỗi"),
    "check.errors": ("errors", "lỗi"),
    "check.warning": ("warning", "cảnh báo"),
    "check.warnings": ("warnings", "cảnh báo"),
    "check.info": ("note", "ghi chú"),
    "check.accepted_because": ("(accepted: {reason})", "(đã chấp nhận: {reason})"),
    "check.accepted_count": ("{count} accepted", "{count} đã chấp nhận"),
    "check.summary.where": ("Where", "Vị trí"),
    "check.summary.kind": ("Kind", "Loại"),
    "check.summary.what": ("Problem", "Vấn đề"),
    # An amount the plan does not state ("trong dự toán được giao"): never 0.
    "value.not_stated": ("not stated", "không nêu"),
    "cli.required": ("{option} is required", "cần có {option}"),
    "cli.required.hint": (
        "pass it, e.g. {option} {example} (prompts only appear at a terminal)",
        "hãy ghi rõ, ví dụ {option} {example} (chỉ hỏi lại khi chạy trực tiếp tại terminal)",
    ),
    "cli.write_warning": ("ggov-plan: warning: {message}", "ggov-plan: cảnh báo: {message}"),
    "cli.dry_run": ("(dry run: nothing was written)", "(chạy thử: chưa ghi gì vào tệp)"),
    "cli.prompt.task": ("Task", "Nhiệm vụ"),
    "cli.prompt.title": ("Title", "Tên hoạt động"),
    "cli.prompt.reason": ("Reason", "Lý do"),
    "cli.prompt.activity": ("Activity", "Hoạt động"),
    "cli.prompt.choice": ("{label} (number or id)", "{label} (số thứ tự hoặc mã)"),
    "cli.prompt.choose": ("choose 1–{count}", "chọn từ 1 đến {count}"),
    "cli.void_conflict": (
        "--void cannot be combined with {options}",
        "--void không dùng chung được với {options}",
    ),
    "cli.void_conflict.hint": (
        "to void: record --void COMPLETION_ID --reason …; to record work, leave out --void",
        "để hủy: record --void MÃ_KẾT_QUẢ --reason …; để ghi kết quả, bỏ --void",
    ),
    "cli.prompt.choice_named": (
        "{label} (number, id or part of its name)",
        "{label} (số thứ tự, mã hoặc một phần tên)",
    ),
    "cli.prompt.date": ("Date done", "Ngày thực hiện"),
    "cli.prompt.qty": (
        "Quantity done ({left} of {target}{unit} to go)",
        "Số lượng đã làm (còn {left}/{target}{unit})",
    ),
    "cli.prompt.spent": (
        "Money spent, đồng ({left}{source})",
        "Số tiền đã chi, đồng ({left}{source})",
    ),
    "cli.prompt.spent.cost_left": ("{amount} left of the cost", "kinh phí còn {amount}"),
    "cli.prompt.spent.no_cost": ("no cost planned", "chưa có kinh phí dự kiến"),
    "cli.prompt.spent.source_left": ("; {source}: {amount} left", "; {source} còn {amount}"),
    "cli.prompt.evidence": (
        "Evidence, a URL or a document (blank: none)",
        "Minh chứng: đường dẫn hoặc văn bản (để trống: không có)",
    ),
    "cli.prompt.note": ("Note (blank: none)", "Ghi chú (để trống: không có)"),
    "cli.prompt.due": ("Due date (blank: none)", "Hạn hoàn thành (để trống: không có)"),
    "cli.prompt.target": ("Target quantity", "Số lượng mục tiêu"),
    "cli.prompt.unit": (
        "Unit, e.g. 'phóng sự' (blank: none)",
        "Đơn vị tính, ví dụ 'phóng sự' (để trống: không có)",
    ),
    "cli.prompt.cost": ("Planned cost, đồng", "Kinh phí dự kiến, đồng"),
    "cli.prompt.source": (
        "Funding source: {sources} (blank: none)",
        "Nguồn kinh phí: {sources} (để trống: không có)",
    ),
    "cli.prompt.write": ("Write? [Y/n]", "Ghi? [Y/n]"),
    "cli.prompt.yes_no": ("answer y (yes) or n (no)", "trả lời y hoặc c (có), n hoặc k (không)"),
    "cli.nothing_written": ("nothing written", "không ghi gì vào kế hoạch"),
    "cli.review.activity": ("Activity", "Hoạt động"),
    "cli.review.task": ("Task", "Nhiệm vụ"),
    "cli.review.title": ("Title", "Tên hoạt động"),
    "cli.review.date": ("Date", "Ngày"),
    "cli.review.due": ("Due", "Hạn"),
    "cli.review.qty": ("Quantity", "Số lượng"),
    "cli.review.target": ("Target", "Mục tiêu"),
    "cli.review.spent": ("Spent", "Đã chi"),
    "cli.review.cost": ("Cost", "Kinh phí"),
    "cli.review.source": ("Source", "Nguồn kinh phí"),
    "cli.review.evidence": ("Evidence", "Minh chứng"),
    "cli.review.note": ("Note", "Ghi chú"),
    "cli.review.undo": ("Void", "Hủy bỏ"),
    "cli.review.none": ("none", "không có"),
    "cli.prompt.indicator": ("Indicator", "Chỉ tiêu"),
    "cli.prompt.value": ("Value reached ({unit})", "Giá trị đạt được ({unit})"),
    "cli.prompt.value_bare": ("Value reached", "Giá trị đạt được"),
    "cli.measure_void_conflict.hint": (
        "to void: measure --void MEASUREMENT_ID --reason …; to measure, leave out --void",
        "để hủy: measure --void MÃ_KẾT_QUẢ_ĐO --reason …; để ghi kết quả đo, bỏ --void",
    ),
    "cli.part_syntax": (
        "--part {text} is not PART=VALUE",
        "--part {text} không có dạng PHẦN=GIÁ_TRỊ",
    ),
    "cli.part_syntax.hint": (
        'name the part and its value, e.g. --part "cap-so=318"',
        'ghi phần và giá trị của nó, ví dụ --part "cap-so=318"',
    ),
    "cli.part_twice": ("--part {part} is given twice", "--part {part} được ghi hai lần"),
    "cli.part_twice.hint": ("give each part once", "mỗi phần chỉ ghi một lần"),
    # --- indicators (render.results): targets, states, the results table
    "qualifier.more-than": ("more than", "trên"),
    "qualifier.at-least": ("at least", "ít nhất"),
    "qualifier.at-most": ("at most", "tối đa"),
    "qualifier.less-than": ("less than", "dưới"),
    "indicator_state.not-measured": ("not measured", "chưa đo"),
    "indicator_state.met": ("met", "đạt"),
    "indicator_state.on-track": ("on track", "đúng tiến độ"),
    "indicator_state.behind": ("behind", "chậm tiến độ"),
    "indicator_state.missed": ("missed", "không đạt"),
    "col.target": ("Target", "Chỉ tiêu đề ra"),
    "col.achieved": ("Achieved", "Đạt được"),
    "col.measured_on": ("Measured on", "Ngày đo"),
    "col.parts": ("Parts", "Chi tiết"),
    "col.milestone": ("Milestone", "Mốc"),
    "title.indicator_results": (
        "Indicators as of {as_of}",
        "Kết quả thực hiện chỉ tiêu đến {as_of}",
    ),
    "results.none": ("The plan states no indicators.", "Kế hoạch không nêu chỉ tiêu nào."),
    "results.target": ("Target", "Chỉ tiêu đề ra"),
    "results.achieved": ("Achieved", "Đạt được"),
    "results.measured_on": ("measured on {date}", "đo ngày {date}"),
    "results.parts": ("Parts", "Chi tiết"),
    "results.state": ("State", "Trạng thái"),
    "rep.indicators": ("Indicators", "Kết quả thực hiện chỉ tiêu"),
    "rep.indicator_chart_title": (
        "{label}: measured values against milestones and target",
        "{label}: giá trị đo so với các mốc và chỉ tiêu",
    ),
    "rep.legend.measured": ("measured", "giá trị đo"),
    "rep.legend.milestone": ("milestone", "mốc"),
    "rep.legend.target": ("target", "chỉ tiêu"),
    "rep.no_measurement": ("not measured yet", "chưa có số liệu đo"),
    "report.table_csv": (
        "--table chooses a CSV table; it does not go with --format {format}",
        "--table để chọn bảng CSV; không dùng được với --format {format}",
    ),
    "report.table_csv.hint": (
        "use --format csv --table indicators, or leave --table out",
        "dùng --format csv --table indicators, hoặc bỏ --table",
    ),
    "cli.title_empty": ("--title is empty", "--title đang để trống"),
    "cli.title_empty.hint": ("say what will be done", "ghi rõ sẽ làm gì"),
    "cli.reason_empty": ("--reason is empty", "--reason đang để trống"),
    "cli.reason_empty.hint": (
        "say why, for whoever reads the plan later",
        "ghi rõ lý do, để người đọc kế hoạch sau này hiểu",
    ),
    # --- note (cli.notes)
    "note.bad_kind": (
        "--kind: {kind} is not a kind of note",
        "--kind: {kind} không phải là loại ghi chú",
    ),
    "note.bad_kind.hint": (
        "use ket-qua (result), kho-khan (difficulty) or de-xuat (proposal)",
        "dùng ket-qua (kết quả), kho-khan (khó khăn) hoặc de-xuat (đề xuất)",
    ),
    "note.text_empty": ("TEXT is empty", "TEXT đang để trống"),
    "note.text_empty.hint": (
        "write the note as the report should say it",
        "ghi nội dung như báo cáo cần nêu",
    ),
    # --- report (render.report_md, render.report_html)
    "rep.title": ("{kind} {number}: status report", "{kind} {number}: báo cáo tình hình thực hiện"),
    "rep.page_title": ("{number}: status report, {as_of}", "{number}: báo cáo tình hình, {as_of}"),
    "rep.meta": (
        "As of {as_of}. Plan period {start} – {end}. Source: {file}.",
        "Tính đến ngày {as_of}. Thời gian thực hiện kế hoạch: {start} – {end}. Tệp: {file}.",
    ),
    "rep.overall": ("Overall", "Tổng quan"),
    "rep.progress_line": (
        "Progress: {progress} (quantities done {done}/{target})",
        "Tiến độ: {progress} (số lượng đã thực hiện {done}/{target})",
    ),
    "rep.activities_line": (
        "Activities: {total} in all; {counts}",
        "Hoạt động: tổng số {total}; {counts}",
    ),
    "rep.budget_line": (
        "Budget: {total} VND declared, {allocated} allocated, {spent} spent, {remaining} remaining",
        "Kinh phí: dự toán {total} đồng, đã phân bổ {allocated}, đã chi {spent}, "
        "còn lại {remaining}",
    ),
    "rep.budget_by_source": ("Budget by funding source (VND)", "Kinh phí theo nguồn (đồng)"),
    "rep.progress_by": ("Progress by {by}", "Tiến độ theo {by}"),
    "rep.no_activities": ("No activities yet.", "Chưa có hoạt động nào."),
    "rep.overdue": ("Overdue activities", "Hoạt động quá hạn"),
    "rep.none": ("None.", "Không có."),
    "rep.completed_since": ("Completed since {since}", "Đã thực hiện từ ngày {since}"),
    "rep.nothing_in_period": (
        "Nothing recorded in this period.",
        "Không ghi nhận kết quả nào trong kỳ.",
    ),
    "rep.problems": (
        "Problems reported by `ggov-plan check`",
        "Vấn đề do `ggov-plan check` phát hiện",
    ),
    "rep.problems_html": (
        "Problems reported by <code>ggov-plan check</code>",
        "Vấn đề do <code>ggov-plan check</code> phát hiện",
    ),
    "rep.problem_line": (
        "{severity} {code} at line {line}: {message}",
        "{severity} {code} tại dòng {line}: {message}",
    ),
    "rep.chart_title": (
        "Cumulative progress and spending against the plan",
        "Tiến độ và kinh phí lũy kế so với kế hoạch",
    ),
    "rep.legend.progress": ("progress", "tiến độ"),
    "rep.legend.spending": ("spending (share of budget)", "kinh phí đã chi (tỷ lệ so với dự toán)"),
    "rep.legend.plan": ("plan", "kế hoạch"),
    "rep.legend.as_of": ("as of {as_of}", "tính đến {as_of}"),
    # --- reporting periods, results, tasks (docs/progress.md)
    "col.figure": ("Figure", "Chỉ số"),
    "col.quantities": ("Done/target", "Đã làm/kế hoạch"),
    "col.in_period": ("In the period", "Trong kỳ"),
    "col.since_start": ("Since the plan's start", "Lũy kế từ đầu kế hoạch"),
    "col.spent_in_period": ("In period", "Chi trong kỳ"),
    "col.in_period_done": ("In the period", "Trong kỳ"),
    "col.completions": ("Completions", "Lượt thực hiện"),
    "head.period": ("Period", "Kỳ báo cáo"),
    "head.period_line": ("{name} ({start} – {end})", "{name} ({start} – {end})"),
    "title.results": ("Results", "Kết quả thực hiện"),
    "title.tasks": ("Tasks", "Nhiệm vụ"),
    "res.completions": ("Completions recorded", "Lượt thực hiện được ghi nhận"),
    "res.activities": ("Activities with work recorded", "Hoạt động có kết quả"),
    "res.done": ("Done ({unit})", "Đã thực hiện ({unit})"),
    "res.done_no_unit": ("Done (no unit named)", "Đã thực hiện (không nêu đơn vị)"),
    "res.spent": ("Spent (VND)", "Kinh phí đã chi (đồng)"),
    "res.reach": ("People reached ({unit})", "Số người được tiếp cận ({unit})"),
    "res.reach_no_unit": ("People reached", "Số người được tiếp cận"),
    "task_state.not_started": ("not started", "chưa triển khai"),
    "task_state.in_progress": ("in progress", "đang triển khai"),
    "task_state.done": ("done", "hoàn thành"),
    "status.progress_of_tasks": (
        "mean of {tasks} tasks; {not_started} not started",
        "trung bình của {tasks} nhiệm vụ; {not_started} chưa triển khai",
    ),
    "status.budget_text": ("budget: {text}", "kinh phí: {text}"),
    "rep.progress_tasks_line": (
        "Progress: {progress} (mean of {tasks} tasks: {done} done, {in_progress} in progress, "
        "{not_started} not started)",
        "Tiến độ: {progress} (trung bình của {tasks} nhiệm vụ: {done} hoàn thành, "
        "{in_progress} đang triển khai, {not_started} chưa triển khai)",
    ),
    "rep.quantities_line": (
        "Done against targets: {quantities}",
        "Khối lượng đã thực hiện so với kế hoạch: {quantities}",
    ),
    "rep.budget_text_line": (
        "Budget: {text}; {allocated} VND allocated, {spent} spent",
        "Kinh phí: {text}; đã phân bổ {allocated} đồng, đã chi {spent}",
    ),
    "rep.period_line": (
        "Period: {name} ({start} – {end})",
        "Kỳ báo cáo: {name} ({start} – {end})",
    ),
    "rep.results": ("Results", "Kết quả thực hiện"),
    # --- the Excel workbook (report --format xlsx): sheet names at most 31 characters
    "xlsx.sheet.overall": ("Overall", "Tổng quan"),
    "xlsx.sheet.indicators": ("Indicators", "Chỉ tiêu"),
    "xlsx.sheet.results": ("Results", "Kết quả thực hiện"),
    "xlsx.sheet.sources": ("Budget by source", "Kinh phí theo nguồn"),
    "xlsx.sheet.progress_task": ("Progress by task", "Tiến độ theo nhiệm vụ"),
    "xlsx.sheet.progress_agency": ("Progress by agency", "Tiến độ theo cơ quan"),
    "xlsx.sheet.progress_channel": ("Progress by channel", "Tiến độ theo hình thức"),
    "xlsx.sheet.progress_content": ("Progress by content", "Tiến độ theo nội dung"),
    "xlsx.sheet.overdue": ("Overdue", "Quá hạn"),
    "xlsx.sheet.completed": ("Completed", "Đã thực hiện"),
    "xlsx.sheet.activities": ("Activities", "Hoạt động"),
    "xlsx.period": ("Period", "Kỳ báo cáo"),
    "xlsx.as_of": ("As of", "Tính đến ngày"),
    "xlsx.budget_total": ("Total budget (VND)", "Tổng kinh phí (đồng)"),
    "xlsx.col.id": ("Id", "Mã"),
    "xlsx.col.title": ("Title", "Tên hoạt động"),
    "xlsx.col.task": ("Task", "Nhiệm vụ"),
    "xlsx.col.agency": ("Agency", "Cơ quan"),
    "xlsx.col.channel": ("Channel", "Hình thức"),
    "xlsx.col.contents": ("Contents", "Nội dung"),
    "xlsx.col.due": ("Due", "Hạn"),
    "xlsx.col.target": ("Target", "Chỉ tiêu"),
    "xlsx.col.unit": ("Unit", "Đơn vị tính"),
    "xlsx.col.done": ("Done", "Đã làm"),
    "xlsx.col.status": ("Status", "Trạng thái"),
    "xlsx.col.cost": ("Cost (VND)", "Kinh phí (đồng)"),
    "xlsx.col.source": ("Source", "Nguồn kinh phí"),
    "xlsx.col.spent": ("Spent (VND)", "Đã chi (đồng)"),
    "xlsx.col.reach": ("Reach", "Đối tượng tiếp cận"),
    "xlsx.col.done_in_period": ("Done in period", "Đã làm trong kỳ"),
    "xlsx.col.spent_in_period": ("Spent in period (VND)", "Đã chi trong kỳ (đồng)"),
    "report.xlsx_output": (
        "--format xlsx writes a binary file: it needs -o FILE",
        "--format xlsx ghi tệp nhị phân: cần có -o TỆP",
    ),
    "report.xlsx_output.hint": (
        "add -o report.xlsx",
        "thêm -o bao-cao.xlsx",
    ),
    "report.bom_csv": (
        "--bom goes with --format csv only, not --format {format}",
        "--bom chỉ dùng với --format csv, không dùng với --format {format}",
    ),
    "report.bom_csv.hint": (
        "drop --bom, or add --format csv",
        "bỏ --bom, hoặc thêm --format csv",
    ),
    "cli.period_mixed": (
        "--period cannot be given with --from/--to",
        "không dùng --period cùng với --from/--to",
    ),
    "cli.period_mixed.hint": (
        "give either --period 2017-H1 or --from 2017-01-01 --to 2017-06-30",
        "chọn một: --period 2017-H1 hoặc --from 2017-01-01 --to 2017-06-30",
    ),
    "cli.period_half": ("{given} needs {missing} too", "{given} cần có cả {missing}"),
    "cli.period_half.hint": (
        "give both ends: --from 2017-01-01 --to 2017-06-30",
        "nêu cả hai đầu: --from 2017-01-01 --to 2017-06-30",
    ),
    "cli.period_as_of": (
        "--as-of cannot be given with a period: the period's last day is the as-of day",
        "không dùng --as-of cùng với kỳ báo cáo: ngày cuối kỳ là ngày tính đến",
    ),
    "cli.period_as_of.hint": (
        "drop --as-of, or use --from START --to DAY for a period that ends that day",
        "bỏ --as-of, hoặc dùng --from NGÀY-ĐẦU --to NGÀY cho kỳ kết thúc vào ngày đó",
    ),
    "cli.period_not_started": (
        "the period {name} starts on {start}, after today ({today})",
        "kỳ {name} bắt đầu ngày {start}, sau ngày hôm nay ({today})",
    ),
    "cli.period_not_started.hint": (
        "choose a period that has begun",
        "chọn một kỳ đã bắt đầu",
    ),
    "col.quantity": ("Quantity", "Số lượng"),
    "col.activity": ("Activity", "Hoạt động"),
    "report.official_format": (
        "--official writes a document to read and sign, not {format}",
        "--official tạo văn bản để đọc và ký, không xuất dạng {format}",
    ),
    "report.official_format.hint": (
        "use --format md, html or docx with --official; or drop --official for the json or "
        "csv status report",
        "dùng --format md, html hoặc docx với --official; hoặc bỏ --official để xuất báo "
        "cáo tình hình dạng json hoặc csv",
    ),
    "report.docx_official": (
        "--format docx is for the official report",
        "--format docx chỉ dùng cho báo cáo chính thức",
    ),
    "report.docx_official.hint": (
        "add --official, or use --format md, html, json or csv",
        "thêm --official, hoặc dùng --format md, html, json hoặc csv",
    ),
    "report.docx_output": (
        "--format docx writes a binary Word file; name it with -o PATH",
        "--format docx tạo tệp Word nhị phân; hãy đặt tên tệp bằng -o ĐƯỜNG_DẪN",
    ),
    "report.docx_output.hint": ("for example: -o bao-cao.docx", "ví dụ: -o bao-cao.docx"),
    # --- -o of every command (write/outputs.py)
    "output.is_plan": (
        "-o {path} is a plan file; writing there would replace the plan",
        "-o {path} là một tệp kế hoạch; ghi vào đó sẽ thay mất kế hoạch",
    ),
    "output.is_plan.hint": (
        "write to another file, e.g. -o bao-cao.md (--force never replaces a plan)",
        "hãy ghi ra tệp khác, ví dụ -o bao-cao.md (--force không bao giờ ghi đè kế hoạch)",
    ),
    "output.exists": (
        "-o {path} already exists and was not written by this command",
        "-o {path} đã có và không phải do lệnh này ghi ra",
    ),
    "output.exists.hint": (
        "choose another file, or add --force to replace it",
        "hãy chọn tệp khác, hoặc thêm --force để ghi đè",
    ),
    # --- completion (cli.completion)
    "completion.bad_shell": (
        "no completion for the shell {name}",
        "chưa có gợi ý lệnh cho shell {name}",
    ),
    "completion.bad_shell.hint": (
        "give bash, zsh or fish: ggov-plan completion bash",
        "chọn bash, zsh hoặc fish: ggov-plan completion bash",
    ),
    # --- git-setup, merge-driver (cli.collab, docs/collaboration.md)
    "merge.conflicts": (
        "{file}: merged with {count} conflict(s) left between <<<<<<< and >>>>>>> markers; "
        "edit them, run ggov-plan check, then git add {file}",
        "{file}: đã gộp, còn {count} chỗ xung đột nằm giữa dấu <<<<<<< và >>>>>>>; "
        "sửa các chỗ đó, chạy ggov-plan check, rồi git add {file}",
    ),
    "merge.invalid": (
        "{file}: both sides merged without a conflict of lines, but the merged plan has "
        "{count} error(s) that neither side had:",
        "{file}: hai bên gộp được, không xung đột dòng nào, nhưng kế hoạch sau khi gộp có "
        "{count} lỗi mà không bên nào có trước đó:",
    ),
    "merge.invalid.hint": (
        "hint: fix them with ggov-plan (a cancel, a void or an edit is allowed while it "
        "removes errors; ggov-plan check -p {file} names the command), then git add {file}",
        "gợi ý: sửa bằng ggov-plan (được hủy, hủy bỏ bản ghi hoặc sửa hoạt động khi việc đó "
        "bớt lỗi; ggov-plan check -p {file} chỉ lệnh cần chạy), rồi git add {file}",
    ),
    "merge.unreadable": ("cannot read {path}: {reason}", "không đọc được {path}: {reason}"),
    "merge.git_failed": ("git merge-file failed: {reason}", "git merge-file bị lỗi: {reason}"),
    "merge.not_a_repository": (
        "{path} is not in a git repository",
        "{path} không nằm trong kho git nào",
    ),
    "merge.not_a_repository.hint": (
        "run git init in the plan's folder first, or give the plan of a clone with -p",
        "chạy git init trong thư mục của kế hoạch trước, hoặc chỉ kế hoạch của một bản sao bằng -p",
    ),
    "merge.no_git": ("git is not installed", "máy chưa cài git"),
    "merge.no_git.hint": ("install git, then run this again", "cài git rồi chạy lại lệnh này"),
    "merge.driver_set": (
        "merge driver set in this clone's .git/config: {command}",
        "đã đặt trình gộp trong .git/config của bản sao này: {command}",
    ),
    "merge.attributes_added": (
        "added to {file}: {line} (commit it)",
        "đã thêm vào {file}: {line} (hãy commit tệp này)",
    ),
    "merge.attributes_already": (
        "{file} already says {line}",
        "{file} đã có {line}",
    ),
    # --- schema, init (cli_tools)
    "init.one_of": (
        "give exactly one of --from FILE or --blank",
        "cần chọn đúng một trong hai: --from TỆP hoặc --blank",
    ),
    "init.one_of.hint": (
        "--from copies another plan's declaration; --blank writes a template",
        "--from chép phần khai báo của một kế hoạch khác; --blank tạo tệp mẫu để điền",
    ),
    "init.path_missing": (
        "give the new plan file's PATH",
        "cần cho biết đường dẫn của tệp kế hoạch mới (PATH)",
    ),
    "init.path_missing.hint": (
        "ggov-plan init PATH --from FILE, --from sample:NAME or --blank",
        "ggov-plan init TỆP --from TỆP_NGUỒN, --from sample:TÊN hoặc --blank",
    ),
    "init.list_alone": (
        "--list-samples takes no PATH, --from or --blank",
        "--list-samples không dùng kèm PATH, --from hay --blank",
    ),
    "init.list_alone.hint": (
        "run ggov-plan init --list-samples on its own",
        "chạy riêng lệnh ggov-plan init --list-samples",
    ),
    "init.sample_missing": (
        "--from {source}: no sample has that name; nothing was written",
        "--from {source}: không có kế hoạch mẫu nào tên như vậy; chưa tạo tệp",
    ),
    "init.sample_missing.hint": (
        "the samples are: {names} (ggov-plan init --list-samples)",
        "các kế hoạch mẫu: {names} (ggov-plan init --list-samples)",
    ),
    "init.sample": (
        "sample:{name}: {kind} {number}, {start} to {end}: {title}",
        "sample:{name}: {kind} {number}, {start} đến {end}: {title}",
    ),
    "init.samples.use": (
        "start a plan from one: ggov-plan init PATH --from sample:NAME",
        "bắt đầu một kế hoạch từ mẫu: ggov-plan init TỆP --from sample:TÊN",
    ),
    "init.from_missing": ("--from {source}: no such file", "--from {source}: không có tệp"),
    "init.from_missing.hint": ("check the path", "kiểm tra lại đường dẫn"),
    "schema.unknown_output": (
        "no JSON output is called '{name}'",
        "không có đầu ra JSON nào tên '{name}'",
    ),
    "schema.unknown_output.hint": (
        "name one of: {names}; or give no name for the plan file's schema",
        "chọn một trong: {names}; hoặc bỏ tên để có lược đồ của tệp kế hoạch",
    ),
    "init.not_toml": (
        "{file}: is not valid TOML, so its declaration cannot be told from its journal; "
        "nothing was written",
        "{file}: không phải TOML hợp lệ nên không tách được phần khai báo khỏi phần nhật ký; "
        "chưa tạo tệp",
    ),
    "init.not_toml.hint": (
        "fix it first (ggov-plan check {file})",
        "hãy sửa tệp này trước (ggov-plan check {file})",
    ),
    "init.journal_inside": (
        "{file}: its declaration does not end where its journal begins; nothing was written",
        "{file}: phần khai báo không kết thúc ở chỗ phần nhật ký bắt đầu; chưa tạo tệp",
    ),
    "init.journal_inside.hint": (
        "keep [plan], [budget] and the other declared tables above the first "
        "[[activity]], [[completion]], [[cancellation]] or [[void]] table, then try again",
        "đặt [plan], [budget] và các bảng khai báo khác lên trên bảng [[activity]], "
        "[[completion]], [[cancellation]] hoặc [[void]] đầu tiên, rồi thử lại",
    ),
    "init.would_fail": (
        "{path}: the new plan would not pass check; nothing was written",
        "{path}: kế hoạch mới sẽ không qua được bước kiểm tra (check); chưa tạo tệp",
    ),
    "init.would_fail.hint": (
        "fix {source} first (ggov-plan check {source})",
        "hãy sửa {source} trước (ggov-plan check {source})",
    ),
    "init.written": ("wrote {path}: {what}", "đã tạo {path}: {what}"),
    "init.what.blank": ("a blank plan to fill in", "kế hoạch trống để điền nội dung"),
    "init.what.from": (
        "the declaration of {source} (it has no journal records)",
        "phần khai báo của {source} (tệp này không có bản ghi nhật ký nào)",
    ),
    "init.what.from_dropped": (
        "the declaration of {source}; left out its journal: {dropped}",
        "phần khai báo của {source}; không chép phần nhật ký: {dropped}",
    ),
    # What init --from left out, by journal key (Vietnamese nouns have no plural).
    "init.count.activity.one": ("{count} activity", "{count} hoạt động"),
    "init.count.activity.many": ("{count} activities", "{count} hoạt động"),
    "init.count.completion.one": ("{count} completion", "{count} kết quả thực hiện"),
    "init.count.completion.many": ("{count} completions", "{count} kết quả thực hiện"),
    "init.count.cancellation.one": ("{count} cancellation", "{count} lần hủy hoạt động"),
    "init.count.cancellation.many": ("{count} cancellations", "{count} lần hủy hoạt động"),
    "init.count.void.one": ("{count} void", "{count} lần hủy bỏ kết quả"),
    "init.count.void.many": ("{count} voids", "{count} lần hủy bỏ kết quả"),
    "init.count.measurement.one": ("{count} measurement", "{count} kết quả đo chỉ tiêu"),
    "init.count.measurement.many": ("{count} measurements", "{count} kết quả đo chỉ tiêu"),
    "init.count.note.one": ("{count} note", "{count} ghi chú"),
    "init.count.note.many": ("{count} notes", "{count} ghi chú"),
    "init.count.amendment.one": ("{count} amendment", "{count} lần sửa hoạt động"),
    "init.count.amendment.many": ("{count} amendments", "{count} lần sửa hoạt động"),
    "init.next": (
        "next: edit {path} (`ggov-plan schema` describes every key), then run: "
        "ggov-plan check {quoted}",
        "bước tiếp theo: sửa {path} (lệnh `ggov-plan schema` mô tả từng khóa), rồi chạy: "
        "ggov-plan check {quoted}",
    ),
    "init.template": (_TEMPLATE_EN, _TEMPLATE_VI),
}
