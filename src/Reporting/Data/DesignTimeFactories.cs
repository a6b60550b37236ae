using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace DtsAssistant.Reporting.Data;

// Used only by `dotnet ef migrations add ... --context <X>`; neither connects to a database.

internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteReportingDbContext>
{
    public SqliteReportingDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteReportingDbContext>().UseSqlite("Data Source=design.db").Options);
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresReportingDbContext>
{
    public PostgresReportingDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresReportingDbContext>().UseNpgsql("Host=localhost;Database=design").Options);
}
