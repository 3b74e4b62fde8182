package io.tailor.benchmarks.eval;

import com.google.common.collect.BiMap;
import com.google.common.collect.HashBasedTable;
import com.google.common.collect.HashBiMap;
import com.google.common.collect.HashMultimap;
import com.google.common.collect.Multimap;
import com.google.common.collect.Table;
import net.librec.conf.Configuration;
import net.librec.data.DataConvertor;
import net.librec.data.DataContext;
import net.librec.data.DataSplitter;
import net.librec.data.model.AbstractDataModel;
import net.librec.math.structure.DataSet;
import net.librec.math.structure.SparseMatrix;

/**
 * Hands LibRec the evaluation's own training matrix instead of letting it read and split files, so the
 * peers learn from exactly the interactions Tailor replays.
 * <p>
 * Rows are {@link TrainingData} user indices, columns {@link ItemIndex} item indices, every training
 * interaction a 1. The test matrix is empty: LibRec never sees a held-out item, and its own evaluators are
 * not used.
 */
final class LibRecDataModel extends AbstractDataModel
{
    private final BiMap<String, Integer> userIds;
    private final BiMap<String, Integer> itemIds;

    /**
     * The data model of a training set.
     *
     * @param conf LibRec configuration.
     * @param data training data.
     */
    LibRecDataModel(final Configuration conf, final TrainingData data)
    {
        this.conf = conf;
        this.context = new DataContext(conf);
        final int users = data.userCount();
        final int items = data.items().size();
        final Table<Integer, Integer, Double> cells = HashBasedTable.create();
        final Multimap<Integer, Integer> columns = HashMultimap.create();
        userIds = HashBiMap.create(users);
        itemIds = HashBiMap.create(items);
        for (int u = 0; u < users; u++)
        {
            userIds.put(data.user(u), u);
            for (final int item : data.userItems(u))
            {
                cells.put(u, item, 1.0);
                columns.put(item, u);
            }
        }
        for (int i = 0; i < items; i++)
        {
            itemIds.put(data.items().id(i), i);
        }
        final SparseMatrix train = new SparseMatrix(users, items, cells, columns);
        final SparseMatrix test = new SparseMatrix(users, items, HashBasedTable.<Integer, Integer, Double>create(),
            HashMultimap.<Integer, Integer>create());
        this.trainDataSet = train;
        this.testDataSet = test;
        this.dataSplitter = new FixedSplit(train, test);
    }

    @Override
    protected void buildConvert()
    {
        // The matrices are given; there is nothing to read.
    }

    @Override
    public void buildDataModel()
    {
        // Built in the constructor.
    }

    @Override
    public void loadDataModel()
    {
        // Nothing is persisted.
    }

    @Override
    public void saveDataModel()
    {
        // Nothing is persisted.
    }

    @Override
    public BiMap<String, Integer> getUserMappingData()
    {
        return userIds;
    }

    @Override
    public BiMap<String, Integer> getItemMappingData()
    {
        return itemIds;
    }

    @Override
    public DataSet getDatetimeDataSet()
    {
        return null;
    }

    /** A split that is already made. */
    private static final class FixedSplit implements DataSplitter
    {
        private final SparseMatrix train;
        private final SparseMatrix test;

        FixedSplit(final SparseMatrix train, final SparseMatrix test)
        {
            this.train = train;
            this.test = test;
        }

        @Override
        public void splitData()
        {
            // Already split.
        }

        @Override
        public void setDataConvertor(final DataConvertor dataConvertor)
        {
            // Not read from files.
        }

        @Override
        public SparseMatrix getTrainData()
        {
            return train;
        }

        @Override
        public SparseMatrix getTestData()
        {
            return test;
        }

        @Override
        public SparseMatrix getValidData()
        {
            return null;
        }
    }
}
