using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace DtsAssistant.Reporting.Data;

/// <summary>
/// Plain SQL on a context's open connection and current transaction, for the few statements on the hot path of a chat
/// message where EF's pipeline cost more than the statement. Parameters are named without a prefix ("@id" in the text,
/// "id" here); null becomes DBNull. The SQL must be valid on both SQLite and PostgreSQL.
/// </summary>
public static class PlainSql
{
    public static DbCommand Command(this ReportingDbContext db, string sql, params (string Name, object? Value)[] parameters)
    {
        ArgumentNullException.ThrowIfNull(db);
        return Command(db.Database.GetDbConnection(), db.Database.CurrentTransaction?.GetDbTransaction(), sql, parameters);
    }

    /// <summary>The same on a connection and transaction held outside a context.</summary>
    public static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(parameters);
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    public static async Task<int> ExecuteAsync(this ReportingDbContext db, string sql, CancellationToken ct, params (string Name, object? Value)[] parameters)
    {
        await using var command = db.Command(sql, parameters);
        return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    /// <summary>The first column of the first row, or null (also for SQL NULL).</summary>
    public static async Task<object?> ScalarAsync(this ReportingDbContext db, string sql, CancellationToken ct, params (string Name, object? Value)[] parameters)
    {
        await using var command = db.Command(sql, parameters);
        var result = await command.ExecuteScalarAsync(ct).ConfigureAwait(false);
        return result is DBNull ? null : result;
    }
}
