using System.Text;

namespace Resilience.Method.Ingestion.Sources;

/// <summary>
/// The code-page encodings (GB18030 for Chinese CSV, Windows-1252 which ExcelDataReader asks for) are not in .NET by
/// default: every source registers them before it reads.
/// </summary>
internal static class CodePages
{
    private static readonly Lazy<bool> Registered = new(() =>
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return true;
    });

    public static void Register() => _ = Registered.Value;
}
