namespace Herald.Server.Web.Display;

/// <summary>
/// Cells of CSV files made for people to open in a spreadsheet (the diff sample download). A value that starts with
/// <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab or a carriage return would run as a formula there, so it gets a leading
/// apostrophe (OWASP's CSV injection advice). Never used for the file sent to Insider One, which must hold values as they are.
/// </summary>
internal static class PeopleCsv
{
    private static readonly char[] FormulaStarts = ['=', '+', '-', '@', '\t', '\r'];

    public static string Cell(string value)
    {
        if (value.Length > 0 && Array.IndexOf(FormulaStarts, value[0]) >= 0)
        {
            value = "'" + value;
        }
        return value.IndexOfAny([',', '"', '\n', '\r']) < 0 ? value : "\"" + value.Replace("\"", "\"\"") + "\"";
    }
}
