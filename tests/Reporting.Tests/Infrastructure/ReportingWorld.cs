using DtsAssistant.Reporting.Data;
using DtsAssistant.Reporting.Directory;
using DtsAssistant.Reporting.Export;
using DtsAssistant.Reporting.Filing;
using DtsAssistant.Reporting.Reminders;
using DtsAssistant.Reporting.Forms;
using DtsAssistant.Reporting.Schedule;
using DtsAssistant.Reporting.Status;
using Microsoft.Extensions.Time.Testing;

namespace DtsAssistant.Reporting.Tests.Infrastructure;

/// <summary>The real reporting services on a test database, with a fake clock, plus builders for common setup.</summary>
public sealed class ReportingWorld
{
    /// <summary>10 November 2025, 09:00 in Vietnam: November's monthly report is open and on time.</summary>
    public static readonly DateTimeOffset DefaultNow = new(2025, 11, 10, 9, 0, 0, VietnamTime.Offset);

    private int _identities;

    public ReportingWorld(ReportingDatabase database, DateTimeOffset? now = null)
    {
        Database = database;
        Clock = new FakeTimeProvider(now ?? DefaultNow);
        Forms = new FormCatalog();
        Schedule = new ReportingSchedule(Clock);
        Directory = new DirectoryService(database, Clock);
        Filing = new FilingService(database, Forms, Schedule, Clock);
        Status = new StatusService(database, Forms, Schedule, Directory);
        Export = new ExportService(database, Forms, Schedule, Clock, Status);
        Importer = new UnitImporter(database, Clock);
        Planner = new ReminderPlanner(database, Schedule, Directory);
        Reminders = new ReminderStore(database);
    }

    public ReportingDatabase Database { get; }
    public FakeTimeProvider Clock { get; }
    public IFormCatalog Forms { get; }
    public IReportingSchedule Schedule { get; }
    public IDirectoryService Directory { get; }
    public IFilingService Filing { get; }
    public IStatusService Status { get; }
    public IExportService Export { get; }
    public UnitImporter Importer { get; }
    public IReminderPlanner Planner { get; }
    public IReminderStore Reminders { get; }

    public static Caller Admin => Caller.System("test-admin");

    /// <summary>Two communes with a few schools each, plus one THPT and one phòng thuộc Sở.</summary>
    public static IReadOnlyList<UnitRow> SmallDirectory =>
    [
        new(2, "MN-A1", "Trường Mầm non An Hòa", "MN", "Công lập", "X-A", "Xã An Hòa"),
        new(3, "TH-A1", "Trường Tiểu học An Hòa", "TH", "Công lập", "X-A", "Xã An Hòa"),
        new(4, "THCS-A1", "Trường THCS An Hòa", "THCS", "Công lập", "X-A", "Xã An Hòa"),
        new(5, "MN-A2", "Trường Mầm non tư thục Hoa Sen", "MN", "Tư thục", "X-A", "Xã An Hòa"),
        new(6, "MN-B1", "Trường Mầm non Bình Minh", "MN", "Công lập", "X-B", "Phường Bình Minh"),
        new(7, "TH-B1", "Trường Tiểu học Bình Minh", "TH", "Công lập", "X-B", "Phường Bình Minh"),
        new(8, "THPT-1", "Trường THPT Bình Minh", "THPT", "Công lập", "X-B", "Phường Bình Minh"),
        new(9, "SO-CTHSSV", "Phòng Công tác học sinh, sinh viên", "PHONG_SO", "Công lập", "", ""),
    ];

    public async Task<ReportingWorld> WithSmallDirectoryAsync()
    {
        var result = await Importer.ImportRowsAsync(Admin, SmallDirectory, acceptValid: false);
        Assert.True(result.Imported, string.Join(" | ", result.Errors.Select(e => e.Message)));
        return this;
    }

    /// <summary>A new chat identity bound through a real invite code.</summary>
    public async Task<Caller> BindAsync(Role role, string scopeCode = "", string channel = "telegram")
    {
        var invite = (await Directory.CreateInvitesAsync(Admin, scopeCode, role)).Single();
        var userId = $"user-{Interlocked.Increment(ref _identities)}";
        var result = await Directory.RedeemInviteAsync(channel, userId, $"Người dùng {userId}", invite.Code);
        Assert.Equal(RedeemOutcome.Bound, result.Outcome);
        return result.Caller!;
    }

    /// <summary>Answers for a unit that pass every rule; overrides replace single answers.</summary>
    public static Dictionary<string, AnswerValue> GoodAnswers(params (string Key, AnswerValue Value)[] overrides)
    {
        var answers = new Dictionary<string, AnswerValue>
        {
            ["ke_hoach_cds"] = new YesNoAnswer(true),
            ["hoat_dong_cds"] = new IntegerAnswer(2),
            ["web_chuyen_muc"] = new YesNoAnswer(true),
            ["web_tin_bai"] = new IntegerAnswer(3),
            ["lan_dat_chuan"] = new YesNoAnswer(true),
            ["ipv6"] = new ChoiceAnswer("dang_trien_khai"),
            ["cb_tong"] = new IntegerAnswer(40),
            ["cb_ky_nang_so"] = new IntegerAnswer(30),
            ["hs_tong"] = new IntegerAnswer(600),
            ["hs_ky_nang_so"] = new IntegerAnswer(500),
            ["phan_mem"] = new MultiChoiceAnswer(["quan_ly_truong", "so_dien_tu"]),
            ["csdl_cap_nhat"] = new YesNoAnswer(true),
            ["hoc_lieu_so"] = new IntegerAnswer(5),
            ["hoc_ba_so"] = new ChoiceAnswer("thi_diem"),
            ["gv_tong"] = new IntegerAnswer(30),
            ["gv_chu_ky_so"] = new IntegerAnswer(12),
            ["tt_khong_tien_mat"] = new ChoiceAnswer("mot_phan"),
            ["muc_do_cds"] = new ChoiceAnswer("muc_2"),
        };
        foreach (var (key, value) in overrides)
        {
            answers[key] = value;
        }

        return answers;
    }

    /// <summary>Opens, answers every applicable question and submits; returns the receipt.</summary>
    public async Task<Receipt> FileAsync(Caller focalPoint, string unitCode, Period period, Dictionary<string, AnswerValue>? answers = null)
    {
        var open = await Filing.OpenAsync(focalPoint, unitCode, period);
        Assert.NotNull(open.Session);
        var session = open.Session!;
        var values = answers ?? GoodAnswers();
        var revision = session.Revision;
        foreach (var question in session.Questions)
        {
            if (!values.TryGetValue(question.Key, out var value))
            {
                continue;
            }

            var saved = await Filing.SaveAnswerAsync(focalPoint, session.ReportId, question.Key, value, revision);
            Assert.True(saved.Outcome == SaveOutcome.Saved, $"{question.Key}: {saved.Outcome} {string.Join(" ", saved.Problems.Select(p => p.Message))}");
            revision = saved.Revision;
        }

        var submitted = await Filing.SubmitAsync(focalPoint, session.ReportId, revision);
        Assert.True(submitted.Outcome == SubmitOutcome.Submitted, submitted.Outcome.ToString());
        return submitted.Receipt!;
    }
}

/// <summary>Base of database test classes: a fresh, empty database state before each test.</summary>
public abstract class DatabaseTests(DatabaseFixture fixture) : IAsyncLifetime
{
    protected DatabaseFixture Fixture { get; } = fixture;

    protected ReportingWorld World { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Fixture.ResetAsync();
        World = new ReportingWorld(Fixture.Database);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>Starts the test at another instant (a fake clock only moves forward).</summary>
    protected ReportingWorld StartAt(DateTimeOffset now) => World = new ReportingWorld(Fixture.Database, now);
}
