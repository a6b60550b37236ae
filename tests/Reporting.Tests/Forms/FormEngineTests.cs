using System.Text;
using DtsAssistant.Reporting.Directory;
using DtsAssistant.Reporting.Forms;
using DtsAssistant.Reporting.Schedule;

namespace DtsAssistant.Reporting.Tests.Forms;

public sealed class FormEngineTests
{
    private static readonly FormDefinition Monthly = new FormCatalog().ForPeriod(Period.Month(2025, 11))!;

    private static IReadOnlyList<string> KeysFor(UnitKind kind, bool isPublic = true) =>
        Monthly.QuestionsFor(new UnitProfile(kind, isPublic)).Select(q => q.Key).ToList();

    private static QuestionDefinition Q(string key) => Monthly.Question(key)!;

    private static IReadOnlyList<AnswerProblem> Check(string key, AnswerValue value, params (string Key, AnswerValue Value)[] others) =>
        FormValidator.CheckAnswer(Monthly, Q(key), value, others.ToDictionary(o => o.Key, o => o.Value));

    [Fact]
    public void The_monthly_form_ships_every_question_of_the_domain_draft()
    {
        Assert.Equal("monthly", Monthly.Id);
        Assert.Equal(1, Monthly.Version);
        Assert.Equal(
            ["ke_hoach_cds", "hoat_dong_cds", "web_chuyen_muc", "web_tin_bai", "lan_dat_chuan", "ipv6", "cb_tong", "cb_ky_nang_so", "hs_tong",
             "hs_ky_nang_so", "phan_mem", "csdl_cap_nhat", "hoc_lieu_so", "hoc_ba_so", "gv_tong", "gv_chu_ky_so", "tt_khong_tien_mat", "muc_do_cds", "kho_khan"],
            Monthly.Questions.Select(q => q.Key));
        Assert.All(new[] { "cb_tong", "hs_tong", "gv_tong" }, k => Assert.True(Q(k).CarryOver));
        Assert.False(Q("kho_khan").Required);
        Assert.Equal("cb_tong", Q("cb_ky_nang_so").AtMost);
    }

    [Fact]
    public void Students_questions_apply_to_lower_and_upper_secondary_and_GDTX_only()
    {
        Assert.Contains("hs_tong", KeysFor(UnitKind.UpperSecondary));
        Assert.Contains("hs_tong", KeysFor(UnitKind.LowerSecondary));
        Assert.Contains("hs_tong", KeysFor(UnitKind.ContinuingEducation));
        Assert.Contains("hs_tong", KeysFor(UnitKind.PrimaryAndLowerSecondary));
        Assert.DoesNotContain("hs_tong", KeysFor(UnitKind.Primary));
        Assert.DoesNotContain("hs_tong", KeysFor(UnitKind.Preschool));
    }

    [Fact]
    public void Public_only_questions_are_not_asked_of_private_schools()
    {
        var privatePreschool = KeysFor(UnitKind.Preschool, isPublic: false);

        Assert.DoesNotContain("web_chuyen_muc", privatePreschool);
        Assert.DoesNotContain("tt_khong_tien_mat", privatePreschool);
        Assert.DoesNotContain("gv_tong", privatePreschool);
        Assert.Contains("ke_hoach_cds", privatePreschool);
        Assert.Contains("gv_tong", KeysFor(UnitKind.Preschool));
    }

    [Fact]
    public void Department_offices_are_not_asked_school_only_questions()
    {
        var office = KeysFor(UnitKind.DepartmentOffice);

        Assert.DoesNotContain("gv_tong", office);
        Assert.DoesNotContain("hoc_ba_so", office);
        Assert.DoesNotContain("hoc_lieu_so", office);
        Assert.Contains("cb_tong", office);
        Assert.Contains("muc_do_cds", office);
    }

    [Fact]
    public void A_count_cannot_exceed_its_total()
    {
        var problems = Check("cb_ky_nang_so", new IntegerAnswer(45), ("cb_tong", new IntegerAnswer(40)));

        var problem = Assert.Single(problems);
        Assert.Equal(ProblemSeverity.Error, problem.Severity);
        Assert.Contains("không thể lớn hơn", problem.Message);
        Assert.Empty(Check("cb_ky_nang_so", new IntegerAnswer(40), ("cb_tong", new IntegerAnswer(40))));
    }

    [Fact]
    public void Lowering_a_total_below_an_answered_count_is_refused()
    {
        var problems = Check("gv_tong", new IntegerAnswer(10), ("gv_chu_ky_so", new IntegerAnswer(12)));

        Assert.Contains(problems, p => p.Severity == ProblemSeverity.Error && p.Message.Contains("nhỏ hơn"));
    }

    [Fact]
    public void Numbers_outside_their_bounds_are_refused_in_Vietnamese()
    {
        Assert.Contains("âm", Assert.Single(Check("hoat_dong_cds", new IntegerAnswer(-1))).Message);
        Assert.Single(Check("cb_tong", new IntegerAnswer(0)));
        Assert.Contains("quá lớn", Assert.Single(Check("cb_tong", new IntegerAnswer(1_000_000))).Message);
        Assert.Empty(Check("cb_tong", new IntegerAnswer(45)));
    }

    [Fact]
    public void Choices_must_be_one_of_the_options_and_types_must_match()
    {
        Assert.Contains("Đã hoàn thành", Assert.Single(Check("ipv6", new ChoiceAnswer("xong_roi"))).Message);
        Assert.Empty(Check("ipv6", new ChoiceAnswer("hoan_thanh")));
        Assert.Single(Check("ipv6", new IntegerAnswer(1)));
        Assert.Single(Check("phan_mem", new MultiChoiceAnswer(["quan_ly_truong", "quan_ly_truong"])));
        Assert.Single(Check("phan_mem", new MultiChoiceAnswer(["khong_co"])));
    }

    [Fact]
    public void Free_text_is_limited_in_length()
    {
        Assert.Empty(Check("kho_khan", new TextAnswer("Thiếu máy tính cho giáo viên.")));
        Assert.Single(Check("kho_khan", new TextAnswer(new string('a', 2001))));
    }

    [Fact]
    public void A_whole_report_needs_every_required_applicable_answer_but_not_the_optional_one()
    {
        var thpt = Monthly.QuestionsFor(new UnitProfile(UnitKind.UpperSecondary, true));
        var answers = ReportingWorldAnswers();
        answers.Remove("hs_tong");

        var problems = FormValidator.CheckReport(Monthly, thpt, answers, null);

        var missing = Assert.Single(problems);
        Assert.Equal("hs_tong", missing.QuestionKey);
        Assert.StartsWith("Chưa trả lời", missing.Message);
    }

    [Fact]
    public void A_big_change_against_last_month_is_a_warning_not_an_error()
    {
        var primary = Monthly.QuestionsFor(new UnitProfile(UnitKind.Primary, true));
        var answers = ReportingWorldAnswers();
        var previous = new Dictionary<string, AnswerValue> { ["cb_tong"] = new IntegerAnswer(20), ["gv_tong"] = new IntegerAnswer(29) };

        var problems = FormValidator.CheckReport(Monthly, primary, answers, previous);

        var warning = Assert.Single(problems);
        Assert.Equal(ProblemSeverity.Warning, warning.Severity);
        Assert.Equal("cb_tong", warning.QuestionKey);
        Assert.Contains("kỳ trước", warning.Message);
    }

    [Fact]
    public void Answers_round_trip_through_their_stored_form()
    {
        AnswerValue[] values = [new YesNoAnswer(true), new IntegerAnswer(1234), new PercentageAnswer(12.5m), new ChoiceAnswer("muc_2"),
            new MultiChoiceAnswer(["a", "b"]), new TextAnswer("Khó khăn; thiếu thiết bị")];

        foreach (var value in values)
        {
            Assert.Equal(value, AnswerValue.FromStorage(value.Type, value.Storage));
        }

        Assert.Equal("1.234", new IntegerAnswer(1234).Display(Q("cb_tong")));
        Assert.Equal("Mức 2", new ChoiceAnswer("muc_2").Display(Q("muc_do_cds")));
    }

    [Fact]
    public void A_form_file_in_the_override_folder_with_a_newer_version_wins()
    {
        var folder = System.IO.Directory.CreateTempSubdirectory("dts-forms-");
        try
        {
            var json = ReadEmbeddedMonthly().Replace("\"version\": 1", "\"version\": 2", StringComparison.Ordinal)
                .Replace("Tổng số giáo viên\"", "Tổng số giáo viên (kể cả hợp đồng)\"", StringComparison.Ordinal);
            File.WriteAllText(Path.Combine(folder.FullName, "monthly.v2.json"), json, Encoding.UTF8);

            var catalog = new FormCatalog(folder.FullName);

            Assert.Equal(2, catalog.ForPeriod(Period.Month(2025, 12))!.Version);
            Assert.Equal("Tổng số giáo viên (kể cả hợp đồng)", catalog.ForPeriod(Period.Month(2025, 12))!.Question("gv_tong")!.Text);
            Assert.NotNull(catalog.Find("monthly", 1));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_form_file_with_a_broken_cross_field_rule_is_rejected_with_the_reason()
    {
        var json = ReadEmbeddedMonthly().Replace("\"atMost\": \"cb_tong\"", "\"atMost\": \"khong_co\"", StringComparison.Ordinal);

        var error = Assert.Throws<InvalidDataException>(() => FormCatalog.Load(new MemoryStream(Encoding.UTF8.GetBytes(json)), "test.json"));

        Assert.Contains("khong_co", error.Message);
    }

    [Fact]
    public void A_form_file_that_is_not_json_is_rejected()
    {
        Assert.Throws<InvalidDataException>(() => FormCatalog.Load(new MemoryStream([0xff, 0x00, 0x12]), "binary.json"));
    }

    private static Dictionary<string, AnswerValue> ReportingWorldAnswers() => Infrastructure.ReportingWorld.GoodAnswers();

    private static string ReadEmbeddedMonthly()
    {
        var assembly = typeof(FormCatalog).Assembly;
        using var stream = assembly.GetManifestResourceStream(assembly.GetManifestResourceNames().Single(n => n.EndsWith("monthly.v1.json", StringComparison.Ordinal)))!;
        return new StreamReader(stream).ReadToEnd();
    }
}

public sealed class FormCatalogTests
{
    [Fact]
    public void Quarterly_and_annual_forms_use_the_same_engine_and_questions()
    {
        var catalog = new FormCatalog();

        var quarterly = catalog.ForPeriod(Period.Quarter(2025, 4))!;
        var annual = catalog.ForPeriod(Period.Annual(2025))!;

        Assert.Equal(("quarterly", PeriodKind.Quarterly), (quarterly.Id, quarterly.PeriodKind));
        Assert.Equal(("annual", PeriodKind.Annual), (annual.Id, annual.PeriodKind));
        Assert.Contains("trong quý", quarterly.Question("hoat_dong_cds")!.Text);
        Assert.Equal(catalog.ForPeriod(Period.Month(2025, 11))!.Questions.Select(q => q.Key), annual.Questions.Select(q => q.Key));
        Assert.Null(catalog.ForPeriod(Period.Month(2025, 8))); // before the plan's first monthly form
    }
}
