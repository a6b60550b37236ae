namespace DtsAssistant.Reporting.Directory;

public sealed class UnitImporter
{
}
