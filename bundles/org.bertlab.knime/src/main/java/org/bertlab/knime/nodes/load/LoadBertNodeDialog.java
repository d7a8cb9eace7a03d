package org.bertlab.knime.nodes.load;

import static org.bertlab.knime.nodes.load.LoadBertSettings.*;

import org.bertlab.knime.util.DeviceSettings;
import org.bertlab.knime.util.FileChoosers;
import org.knime.core.node.defaultnodesettings.DefaultNodeSettingsPane;
import org.knime.core.node.defaultnodesettings.DialogComponentBoolean;
import org.knime.core.node.defaultnodesettings.DialogComponentNumber;
import org.knime.core.node.defaultnodesettings.DialogComponentStringSelection;

final class LoadBertNodeDialog extends DefaultNodeSettingsPane {

    LoadBertNodeDialog() {
        final LoadBertSettings s = new LoadBertSettings();
        addDialogComponent(new DialogComponentBoolean(s.m_useDefault, LABEL_USE_DEFAULT));
        addDialogComponent(FileChoosers.modelToRead(s.m_folder, LABEL_FOLDER));
        addDialogComponent(
            new DialogComponentStringSelection(s.m_lowercase, LABEL_LOWERCASE, LOWERCASE_AUTO, LOWERCASE_YES, LOWERCASE_NO));
        addDialogComponent(new DialogComponentNumber(s.m_maxLength, LABEL_MAX_LENGTH, 64));
        addDialogComponent(new DialogComponentStringSelection(s.m_precision, LABEL_PRECISION, PRECISIONS));
        addDialogComponent(DeviceSettings.deviceDropDown(s.m_device, DEVICE_PREFERENCE));
        addDialogComponent(new DialogComponentBoolean(s.m_failIfGpuMissing, DeviceSettings.LABEL_FAIL_IF_GPU_MISSING));
        addDialogComponent(new DialogComponentBoolean(s.m_storeWeights, LABEL_STORE_WEIGHTS));
        s.m_useDefault.addChangeListener(e -> s.m_folder.setEnabled(!s.m_useDefault.getBooleanValue()));
    }
}
