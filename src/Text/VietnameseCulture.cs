using System.Globalization;

namespace DtsAssistant.Text;

/// <summary>The Vietnamese culture ("vi-VN"): "1.234" groups thousands, "1,5" is one and a half.</summary>
public static class VietnameseCulture
{
    public static readonly CultureInfo Instance = CultureInfo.GetCultureInfo("vi-VN");
}
