"""``--help`` in Vietnamese: every command's help, every option's and argument's,
the metavars, and click's own words.

The English stays where each command is declared (its docstring and its
options' ``help=``); :mod:`ggov_plan.cli.helptext` puts these words on the
command tree when help is shown under vi, and only then imports this module.
Keys are those :func:`ggov_plan.cli.helptext.english_texts` gives: a command
by its path (the program is ``ggov-plan``), an option by the command's path
and its long name (``record --date``), an argument by the command's path and
its English metavar (``record ID``), an option many commands share by its
name alone (``--plan``). A test fails when an English help has no entry here
or an entry names nothing.

The words are the plan's own, as the rest of the interface uses them
(:mod:`ggov_plan.i18n.catalog_ui`): hoạt động, nhiệm vụ, kết quả thực hiện,
nguồn kinh phí, chỉ tiêu, kỳ báo cáo, hủy (an activity), hủy bỏ (a record).
Paragraphs are separated by a blank line; click wraps each one.
"""

from __future__ import annotations

#: What every writing command says of --dry-run.
_DRY_RUN = "Chỉ in ra các bản ghi sẽ được thêm vào; không ghi gì vào tệp."
_BY = "Người ghi nhận. Mặc định: tên người dùng của hệ điều hành."
_ACTIVITY_ID = "Mã hoạt động."
_STRICT = (
    "Từ chối lần ghi (mã thoát 2, không ghi gì) nếu nó gây ra cảnh báo: ngày nằm ngoài thời "
    "gian thực hiện kế hoạch, số tiền vượt kinh phí của hoạt động hoặc phần còn lại của "
    "nguồn kinh phí, hoặc một cảnh báo mới của `check`."
)

#: English metavar → Vietnamese. Underscores where the hints of
#: catalog_ui already write the same word so (MÃ_KẾT_QUẢ, PHẦN=GIÁ_TRỊ).
METAVARS: dict[str, str] = {
    "AGENCY": "CƠ-QUAN",
    "AMOUNT": "SỐ-TIỀN",
    "BASE": "BẢN-GỐC",
    "CHANNEL": "HÌNH-THỨC",
    "COMPLETION_ID": "MÃ_KẾT_QUẢ",
    "DATE": "NGÀY",
    "FILE": "TỆP",
    "ID": "MÃ",
    "INDICATOR": "CHỈ-TIÊU",
    "KIND": "LOẠI",
    "MEASUREMENT_ID": "MÃ_KẾT_QUẢ_ĐO",
    "N": "SỐ",
    "NAME": "TÊN",
    "NUMBER": "SỐ",
    "OURS": "BẢN-MÌNH",
    "OUTPUT": "ĐẦU-RA",
    "PART=VALUE": "PHẦN=GIÁ_TRỊ",
    "PATH": "ĐƯỜNG-DẪN",
    "PERIOD": "KỲ",
    "SHELL": "SHELL",
    "SOURCE": "NGUỒN",
    "TASK": "NHIỆM-VỤ",
    "TEXT": "VĂN-BẢN",
    "THEIRS": "BẢN-KIA",
    "TOPIC": "NỘI-DUNG",
    "VALUE": "GIÁ-TRỊ",
}

#: click's own words in a help: the usage line, headings, notes, the help option.
WORDS: dict[str, str] = {
    "Usage: ": "Cách dùng: ",
    "[OPTIONS]": "[TÙY-CHỌN]",
    "COMMAND [ARGS]...": "LỆNH [THAM-SỐ]...",
    "Arguments": "Đối số",
    "Options": "Tùy chọn",
    "Commands": "Lệnh",
    "Show this message and exit.": "Hiện trợ giúp này rồi thoát.",
    "default": "mặc định",
    "required": "bắt buộc",
}

HELP: dict[str, str] = {
    # --- the program
    "ggov-plan": "Theo dõi kế hoạch tuyên truyền về chính quyền điện tử (Kế hoạch) khai báo "
    "bằng TOML.",
    "ggov-plan epilog": "Mã thoát: 0 thành công; 1 kế hoạch có lỗi; 2 dữ liệu nhập sai (chưa "
    "ghi gì); 3 có hoạt động quá hạn (report --fail-on overdue); 70 lỗi nội bộ; 74 không in "
    "được kết quả ra (chưa ghi gì); 75 hãy chạy lại: kế hoạch đang bị khóa hoặc bị chương "
    "trình khác sửa (chưa ghi gì); 130 bị ngắt bằng Ctrl-C hoặc Ctrl-D (chưa ghi gì).",
    "ggov-plan --version": "In số phiên bản rồi thoát.",
    # --- options many commands share
    "--lang": "Ngôn ngữ hiển thị: vi hoặc en. Mặc định: $GGOV_PLAN_LANG; nếu không có, "
    "dùng vi khi LC_ALL hoặc LANG bắt đầu bằng vi, còn lại dùng en.",
    "--plan": "Tệp kế hoạch. Mặc định: $GGOV_PLAN_FILE; nếu không có, data/plan2017.toml "
    "trong thư mục hiện tại.",
    "--no-cache": "Đọc toàn bộ tệp kế hoạch, không dùng bộ nhớ đệm phân tích trong thư mục "
    "đệm của người dùng (cũng có thể đặt GGOV_PLAN_NO_CACHE=1).",
    "--json": "In JSON ổn định thay cho bảng.",
    "--as-of": "Chỉ tính những bản ghi đến hết ngày này (YYYY-MM-DD hoặc DD/MM/YYYY; một "
    "tháng, 2017-10, hay một năm, 2017, nghĩa là ngày cuối của nó). Mặc định: hôm nay.",
    "--period": "Báo cáo theo kỳ báo cáo: năm (2017), 6 tháng (2017-H1), quý (2017-Q4) hoặc "
    "tháng (2017-10). Số liệu được nêu trong kỳ và lũy kế; --as-of là ngày cuối kỳ (hoặc "
    "hôm nay, nếu kỳ chưa kết thúc).",
    "--from": "Cùng với --to: một kỳ bất kỳ, bắt đầu từ ngày này (YYYY-MM-DD hoặc DD/MM/YYYY).",
    "--to": "Cùng với --from: ngày cuối của kỳ.",
    # --- check
    "check": "Kiểm tra tệp kế hoạch: nêu từng lỗi, kèm tệp:dòng:cột.\n\n"
    "Mã thoát 0 khi hợp lệ, 1 khi có lỗi, 2 khi không đọc được tệp.",
    "check PATH": "Các tệp kế hoạch cần kiểm tra. Mặc định: kế hoạch do --plan hoặc "
    "$GGOV_PLAN_FILE chỉ định; nếu không có, data/plan2017.toml.",
    "check --format": "text, json, github (chú thích cho workflow, kèm bản tóm tắt trong "
    "$GITHUB_STEP_SUMMARY), gitlab (báo cáo Code Quality) hoặc junit (XML).",
    "check --strict": "Coi cả cảnh báo là thất bại (mã thoát 1).",
    # --- show, status
    "show": "Hiện kế hoạch như đã khai báo.\n\n"
    "Thông tin chung, căn cứ, mục tiêu và chỉ tiêu, nội dung tuyên truyền, hình thức tuyên "
    "truyền, cơ quan, đơn vị cùng nhiệm vụ của từng nơi, và kinh phí. Trên màn hình dòng "
    "lệnh, kế hoạch dài hơn màn hình được mở qua trình xem từng trang ($GGOV_PLAN_PAGER, "
    "$PAGER hoặc less).",
    "show --no-pager": "Trên màn hình dòng lệnh, in hết ra thay vì mở kế hoạch dài qua "
    "trình xem từng trang (hoặc: GGOV_PLAN_PAGER=cat).",
    "status": "Bảng tổng hợp: sử dụng kinh phí, hoạt động và nhiệm vụ theo trạng thái, kết "
    "quả, tiến độ.\n\n"
    "Kinh phí theo nguồn (dự toán, đã phân bổ, đã chi, còn lại), số hoạt động theo trạng "
    "thái, từng nhiệm vụ với trạng thái của nó, kết quả thực hiện chỉ tiêu đã ghi nhận "
    "(trong một kỳ --period và lũy kế) và tiến độ chung, tính đến một ngày.",
    # --- record
    "record": "Ghi nhận việc đã làm cho một hoạt động: ngày, số lượng, số tiền đã chi, minh "
    "chứng, và số người được tiếp cận (--reach SỐ --reach-unit VĂN-BẢN).\n\n"
    "Với --void MÃ_KẾT_QUẢ --reason …, thay vào đó hủy bỏ một kết quả thực hiện ghi nhầm; "
    "kết quả đó vẫn còn trong tệp. Dòng cuối in ra mã của bản ghi.",
    "record ID": "Hoạt động đã thực hiện việc này.",
    "record --qty": "Số lượng đã thực hiện. Mặc định: 1.",
    "record --date": "Ngày thực hiện. Mặc định: hôm nay.",
    "record --spent": "Số tiền đã chi, tính bằng đồng (như --cost của activity add). Mặc định: 0.",
    "record --source": "Nguồn kinh phí của số tiền. Mặc định: nguồn của hoạt động.",
    "record --evidence": "Địa chỉ URL hoặc số, ký hiệu văn bản làm minh chứng.",
    "record --note": "Ghi chú tự do.",
    "record --reach": "Số người được tiếp cận (số nguyên).",
    "record --reach-unit": "Đối tượng được đếm: 'học sinh, sinh viên', 'lượt xem'.",
    "record --by": _BY,
    "record --void": "Thay vào đó hủy bỏ kết quả thực hiện này (đã ghi nhầm).",
    "record --reason": "Lý do, khi dùng --void.",
    "record --dry-run": _DRY_RUN,
    "record --strict": _STRICT,
    # --- measure
    "measure": "Ghi nhận giá trị một chỉ tiêu đạt được vào một ngày, kèm các phần chi tiết "
    "và minh chứng.\n\n"
    "Với --void MÃ_KẾT_QUẢ_ĐO --reason …, thay vào đó hủy bỏ một kết quả đo ghi nhầm; kết "
    "quả đó vẫn còn trong tệp. Dòng cuối in ra mã của bản ghi.",
    "measure INDICATOR": "Chỉ tiêu được đo (mã, hoặc một phần tên của chỉ tiêu).",
    "measure VALUE": "Giá trị đạt được: số nguyên, hoặc tối đa hai chữ số thập phân với chỉ "
    "tiêu tính bằng % (80,5 hoặc 80.5).",
    "measure --date": "Ngày có giá trị này. Mặc định: hôm nay.",
    "measure --part": "Giá trị của một phần, PHẦN=GIÁ_TRỊ (mã phần, hoặc một phần tên của "
    "nó); lặp lại cho nhiều phần.",
    "measure --evidence": "Nguồn của giá trị (minh chứng).",
    "measure --note": "Ghi chú tự do.",
    "measure --by": _BY,
    "measure --id": "Mã cho bản ghi. Mặc định: mã cơ quan chủ trì, -m- và 4 ký tự ngẫu nhiên.",
    "measure --void": "Thay vào đó hủy bỏ kết quả đo này (đã ghi nhầm).",
    "measure --reason": "Lý do, khi dùng --void.",
    "measure --dry-run": _DRY_RUN,
    "measure --strict": _STRICT,
    # --- note
    "note": "Ghi một kết quả, một khó khăn hoặc một đề xuất cho báo cáo chính thức.\n\n"
    "Dòng cuối in ra mã của ghi chú.",
    "note TEXT": "Nội dung ghi chú, đúng như báo cáo cần nêu.",
    "note --kind": "ket-qua (kết quả), kho-khan (khó khăn) hoặc de-xuat (đề xuất); cũng "
    "nhận result, difficulty, proposal, hoặc viết có dấu (kết-quả).",
    "note --date": "Ngày mà ghi chú nói đến. Mặc định: hôm nay.",
    "note --by": _BY,
    "note --id": "Mã dùng cho bản ghi. Mặc định: mã cơ quan chủ trì, -n-, 4 ký tự ngẫu nhiên.",
    "note --dry-run": _DRY_RUN,
    # --- progress, budget
    "progress": "Tiến độ theo nhiệm vụ (mọi nhiệm vụ, dù đã bắt đầu hay chưa), cơ quan, "
    "hình thức, nội dung tuyên truyền hoặc tháng, kèm thanh tiến độ; với --period, nêu thêm "
    "việc đã làm trong kỳ.\n\n"
    "Với --by indicator, thay vào đó nêu từng chỉ tiêu so với mức đề ra: giá trị đạt được, "
    "các phần chi tiết và trạng thái (đạt, đúng tiến độ, chậm tiến độ, không đạt).",
    "progress --by": "Nhóm các hoạt động theo tiêu chí này.",
    "budget": "Kinh phí theo nhóm: dự toán, đã phân bổ cho hoạt động, đã chi (cả trong kỳ "
    "--period, nếu có), còn lại.",
    "budget --by": "Nhóm kinh phí theo tiêu chí này.",
    # --- report
    "report": "Lập báo cáo tình hình: tiến độ, kinh phí, số liệu chi tiết, hoạt động quá "
    "hạn, việc mới làm.\n\n"
    "Kế hoạch không qua được `ggov-plan check` thì bị từ chối (mã thoát 1). Với --fail-on "
    "overdue, thoát với mã 3 khi có hoạt động quá hạn, để cảnh báo từ cron. Với --official, "
    "thay vào đó lập Báo cáo kết quả thực hiện để trình ký.",
    "report --format": "md (thư điện tử, git), html (một tệp), json, csv hoặc xlsx (cần -o); "
    "với --official: md, html hoặc docx (cần -o).",
    "report --output": "Ghi vào tệp này (trọn vẹn một lần) thay cho đầu ra chuẩn. Không bao "
    "giờ ghi đè tệp kế hoạch; chỉ ghi đè tệp đã có nếu đó là một báo cáo trước, hoặc khi "
    "dùng --force.",
    "report --force": "Cho phép -o ghi đè một tệp đã có không phải là báo cáo.",
    "report --since": "Liệt kê kết quả thực hiện từ ngày này trở đi. Mặc định: ngày đầu kỳ "
    "khi dùng --period; nếu không, ngày đầu của tháng trước tháng của --as-of.",
    "report --fail-on": "Thoát với mã 3 (sau khi đã ghi báo cáo) khi có hoạt động quá hạn.",
    "report --table": "Với --format csv: bảng nào, mỗi dòng một hoạt động (mặc định) hay "
    "mỗi dòng một chỉ tiêu và phần chi tiết.",
    "report --bom": "Với --format csv: ghi dấu BOM UTF-8 ở đầu tệp, để Excel trên Windows "
    "đọc đúng tiếng Việt.",
    "report --official": "Báo cáo kết quả thực hiện sẵn sàng trình ký, theo thể thức văn "
    "bản hành chính (Nghị định 30/2020/NĐ-CP). Báo cáo tính cho kỳ --period; nếu không, từ "
    "--since (mặc định: ngày bắt đầu kế hoạch) đến --as-of.",
    # --- schema, init
    "schema": "In JSON Schema của tệp kế hoạch, dùng cho trình soạn thảo và công cụ kiểm "
    "tra.\n\n"
    "Bản Draft 2020-12, sinh từ cùng đặc tả với `check`: khóa, kiểu, khóa bắt buộc, mã và "
    "các giá trị được chọn. Dẫn chiếu, tổng số và thứ tự ngày tháng thì cần `check`. Với "
    "ĐẦU-RA, in schema của đầu ra JSON đó của ggov-plan (`schema status`).",
    "schema OUTPUT": "Thay vào đó in schema của một đầu ra JSON: check, show, status, "
    "progress, budget, activity-list, activity-show, report hoặc error.",
    "schema --output": "Ghi schema vào tệp này (trọn vẹn một lần) thay vì in ra. Không bao "
    "giờ ghi đè tệp kế hoạch; chỉ ghi đè tệp đã có nếu đó là một schema trước, hoặc khi "
    "dùng --force.",
    "schema --force": "Cho phép -o ghi đè một tệp đã có không phải là schema.",
    "init": "Tạo một tệp kế hoạch mới qua được `check`: từ một kế hoạch khác, hoặc để "
    "trống.\n\n"
    "Dùng đúng một trong hai: --from TỆP hoặc --blank; --list-samples liệt kê các kế hoạch "
    "mẫu có sẵn trong ggov-plan, dùng với --from sample:TÊN. Không bao giờ ghi đè tệp đã có "
    "(mã thoát 2), và không ghi gì nếu kế hoạch mới chưa qua được `check`.",
    "init PATH": "Tệp kế hoạch mới. Tệp này phải chưa có; thư mục chứa nó thì phải có sẵn.",
    "init --from": "Sao chép phần khai báo của kế hoạch này, giữ cả chú thích, bỏ phần nhật "
    "ký (hoạt động, kết quả thực hiện, lần hủy, lần hủy bỏ). TỆP là một tệp kế hoạch, hoặc "
    "sample:plan2017 cho Kế hoạch 228/KH-UBND có sẵn trong ggov-plan.",
    "init --blank": "Ghi một mẫu có chú thích, với các chỗ trống cần điền.",
    "init --list-samples": "Liệt kê các kế hoạch mẫu mà --from sample:TÊN sao chép.",
    # --- git-setup, merge-driver
    "git-setup": "Cho git trộn tệp kế hoạch bằng trình trộn của ggov-plan, trong bản sao "
    "(clone) này.\n\n"
    "Đặt trình trộn trong .git/config của bản sao, và thêm dòng merge=ggov-plan cho tệp kế "
    "hoạch vào .gitattributes (hãy commit tệp này). Chạy lệnh một lần trong mỗi bản sao: "
    "git không sao chép .git/config.",
    "merge-driver": "Trộn hai phiên bản của tệp kế hoạch: git tự chạy lệnh này (xem "
    "git-setup).\n\n"
    "Các bản ghi nhật ký mà hai bên đã thêm đều được giữ, mỗi bản ghi một lần; các chỗ sửa "
    "trong phần khai báo được trộn như văn bản, và hai cách sửa khác nhau trên cùng các dòng "
    "được để lại giữa các dấu xung đột. Mã thoát 0: trộn xong, không xung đột. Mã thoát 1: "
    "cần người xem lại (có dấu xung đột, hoặc kế hoạch sau khi trộn có lỗi mới).",
    "merge-driver BASE": "Phiên bản tổ tiên chung (%O của git).",
    "merge-driver OURS": "Phiên bản của mình (%A của git); kết quả trộn được ghi vào đây.",
    "merge-driver THEIRS": "Phiên bản của bên kia (%B của git).",
    "merge-driver NAME": "Đường dẫn của tệp kế hoạch trong kho git (%P của git).",
    "undo": "Hủy bỏ bản ghi cuối cùng trong kế hoạch, nếu chính mình đã thêm nó: một kết quả "
    "thực hiện, một kết quả đo chỉ tiêu hoặc một lần hủy hoạt động.\n\n"
    "Một bản ghi hủy bỏ được thêm vào; bản ghi cũ vẫn còn trong tệp. Bị từ chối (mã thoát 2) "
    "khi bản ghi cuối là của người khác (xem --by) hoặc thuộc loại không hủy bỏ được (một "
    "hoạt động, một lần sửa hoạt động, một ghi chú, một bản ghi hủy bỏ). Hỏi xác nhận khi "
    "chạy trên màn hình dòng lệnh; ở nơi khác cần --yes. In ra mã của bản ghi hủy bỏ.",
    "undo --by": "Bản ghi cuối của ai. Mặc định: tên người dùng của hệ điều hành, như khi ghi.",
    "undo --reason": "Lý do hủy bỏ.",
    "undo --yes": "Không hỏi xác nhận.",
    "undo --dry-run": _DRY_RUN,
    "undo --strict": _STRICT,
    "completion": "In đoạn mã cho shell để gợi ý lệnh, tùy chọn và mã bản ghi của ggov-plan "
    "khi bấm Tab.\n\n"
    "Nạp đoạn mã từ tệp khởi động của shell, ví dụ trong ~/.bashrc: "
    'eval "$(ggov-plan completion bash)"; xem README.',
    "completion SHELL": "bash, zsh hoặc fish.",
    # --- activity
    "activity": "Thêm, liệt kê, xem và hủy hoạt động.",
    "activity add": "Thêm một hoạt động thực hiện một nhiệm vụ. Dòng cuối in ra mã mới.",
    "activity add --task": "Nhiệm vụ mà hoạt động thực hiện (mã hoặc tên).",
    "activity add --title": "Việc sẽ làm (tên hoạt động).",
    "activity add --agency": "Cơ quan thực hiện. Mặc định: cơ quan chủ trì nhiệm vụ.",
    "activity add --channel": "Hình thức tuyên truyền được dùng.",
    "activity add --content": "Nội dung tuyên truyền; lặp lại cho nhiều nội dung.",
    "activity add --due": "Hạn hoàn thành (YYYY-MM-DD hoặc DD/MM/YYYY).",
    "activity add --target": "Số lượng cần đạt. Mặc định: 1.",
    "activity add --unit": "Đơn vị tính của số lượng, ví dụ 'chương trình'.",
    "activity add --cost": "Kinh phí dự kiến, tính bằng đồng: 20000000, 20.000.000, "
    "20,000,000, 20 triệu hoặc 1,5 tỷ.",
    "activity add --source": "Nguồn kinh phí của khoản dự kiến chi.",
    "activity add --id": "Mã dùng cho hoạt động. Mặc định: mã cơ quan cộng 4 ký tự ngẫu nhiên.",
    "activity add --dry-run": _DRY_RUN,
    "activity add --strict": _STRICT,
    "activity list": "Liệt kê các hoạt động, kèm việc đã làm, số đã chi và trạng thái.",
    "activity list --agency": "Chỉ hoạt động của cơ quan này.",
    "activity list --channel": "Chỉ hoạt động theo hình thức này.",
    "activity list --task": "Chỉ hoạt động của nhiệm vụ này.",
    "activity list --status": "Chỉ hoạt động ở trạng thái này.",
    "activity list --search": "Chỉ hoạt động có tên chứa đoạn chữ này (không phân biệt dấu).",
    "activity show": "Xem một hoạt động, kèm các kết quả thực hiện, lần hủy bỏ và việc hủy "
    "hoạt động.",
    "activity show ID": _ACTIVITY_ID,
    "activity edit": "Sửa một hoạt động: hạn, số lượng cần đạt, đơn vị tính, kinh phí, "
    "nguồn, tên hoặc cơ quan.\n\n"
    "Một bản ghi điều chỉnh được thêm vào: hoạt động vẫn giữ giá trị ban đầu trong tệp, số "
    "liệu và báo cáo dùng giá trị đã sửa kể từ ngày --date, và bản ghi điều chỉnh cùng lý "
    "do là dấu vết để kiểm tra.",
    "activity edit ID": _ACTIVITY_ID,
    "activity edit --title": "Tên mới.",
    "activity edit --agency": "Cơ quan mới: mã hoặc một phần tên.",
    "activity edit --due": "Hạn mới.",
    "activity edit --target": "Số lượng cần đạt mới.",
    "activity edit --unit": "Đơn vị tính mới.",
    "activity edit --cost": "Kinh phí dự kiến mới, ví dụ 20.000.000 hoặc 20 triệu.",
    "activity edit --source": "Nguồn kinh phí mới: mã hoặc một phần tên.",
    "activity edit --reason": "Lý do sửa.",
    "activity edit --date": "Ngày bắt đầu áp dụng giá trị mới. Mặc định: hôm nay.",
    "activity edit --by": _BY,
    "activity edit --dry-run": _DRY_RUN,
    "activity edit --strict": _STRICT,
    "activity cancel": "Hủy một hoạt động. Hoạt động vẫn còn trong tệp; một bản ghi hủy được "
    "thêm vào.",
    "activity cancel ID": _ACTIVITY_ID,
    "activity cancel --reason": "Lý do hủy.",
    "activity cancel --date": "Hủy từ ngày nào. Mặc định: hôm nay.",
    "activity cancel --by": _BY,
    "activity cancel --dry-run": _DRY_RUN,
    "activity cancel --strict": _STRICT,
    "activity reopen": "Khôi phục một hoạt động đã hủy nhầm: bản ghi hủy được hủy bỏ, và vẫn "
    "còn trong tệp.",
    "activity reopen ID": _ACTIVITY_ID,
    "activity reopen --reason": "Lý do khôi phục.",
    "activity reopen --by": _BY,
    "activity reopen --dry-run": _DRY_RUN,
    "activity reopen --strict": _STRICT,
}
