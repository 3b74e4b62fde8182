package io.tailor.benchmarks.eval;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one line of RFC 4180 comma-separated values: fields may be quoted, a quote inside a quoted field
 * is doubled. Records that span lines are not supported (none of the supported datasets has them).
 */
final class Csv
{
    private Csv()
    {
    }

    /**
     * Fields of a line.
     *
     * @param line one line without its line terminator.
     * @return the fields, unquoted; an empty line gives one empty field.
     */
    static List<String> split(final String line)
    {
        final List<String> fields = new ArrayList<>(16);
        final StringBuilder field = new StringBuilder(32);
        boolean quoted = false;
        for (int i = 0, length = line.length(); i < length; i++)
        {
            final char c = line.charAt(i);
            if (quoted)
            {
                if (c == '"')
                {
                    if (i + 1 < length && line.charAt(i + 1) == '"')
                    {
                        field.append('"');
                        i++;
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else
                {
                    field.append(c);
                }
            }
            else if (c == '"' && field.length() == 0)
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.add(field.toString());
                field.setLength(0);
            }
            else
            {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }
}
