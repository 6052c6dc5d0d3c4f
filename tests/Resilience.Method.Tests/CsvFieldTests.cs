using Resilience.Method.Tables;

namespace Resilience.Method.Tests;

public sealed class CsvFieldTests
{
    [Theory]
    [InlineData("datong", "datong")]
    [InlineData("-3", "-3")]
    [InlineData("+1.5e3", "+1.5e3")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData(" padded ", "\" padded \"")]
    [InlineData("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("=1,2", "\"'=1,2\"")]
    public void Escape_QuotesWhereNeeded_AndDisarmsFormulas(string text, string expected) => Assert.Equal(expected, CsvField.Escape(text));
}
