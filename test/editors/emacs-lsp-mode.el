;;; emacs-lsp-mode.el --- lsp-mode against Docker Coach, in a batch Emacs  -*- lexical-binding: t; -*-

;; The same steps as emacs-eglot.el, through lsp-mode with the lsp-mode configuration of docs/editors.md
;; (DOCKER_COACH_INIT). The diagnostics are lsp-mode's own (they carry the rule), with the lines Flymake shows.

(load (expand-file-name "emacs-common" (file-name-directory load-file-name)) nil t)

(defun docker-coach-lsp-diagnostics ()
  "The current buffer's diagnostics as lsp-mode holds them, in order, and the lines Flymake shows."
  (list (cons 'lsp
              (vconcat
               (mapcar (lambda (d)
                         (list (cons 'line (1+ (lsp:position-line (lsp:range-start (lsp:diagnostic-range d)))))
                               (cons 'severity (lsp:diagnostic-severity? d))
                               (cons 'rule (lsp:diagnostic-code? d))
                               (cons 'text (lsp:diagnostic-message d))))
                       (sort (copy-sequence (lsp--get-buffer-diagnostics))
                             (lambda (a b) (< (lsp:position-line (lsp:range-start (lsp:diagnostic-range a)))
                                              (lsp:position-line (lsp:range-start (lsp:diagnostic-range b)))))))))
        (cons 'flymakeLines (docker-coach-flymake-lines))))

(docker-coach-run
 (lambda ()
   (require 'lsp-mode)
   ;; Settings answered to workspace/configuration: one rule off, one raised to an error.
   (lsp-register-custom-settings '(("dockerCoach.rules.apt-get-no-recommends" "off")
                                   ("dockerCoach.rules.exec-form-cmd" "error")))
   ;; What a user answers once when lsp-mode asks for the project's root.
   (lsp-workspace-folders-add default-directory)
   (docker-coach-scenario
    (list :managed (lambda () (bound-and-true-p lsp-mode))
          :diagnostics #'docker-coach-lsp-diagnostics
          :shows (lambda (rule)
                   (cl-some (lambda (d) (equal (lsp:diagnostic-code? d) rule)) (lsp--get-buffer-diagnostics)))
          :hover (lambda ()
                   (lsp:markup-content-value
                    (lsp:hover-contents (lsp-request "textDocument/hover" (lsp--text-document-position-params)))))
          :actions (lambda () (append (lsp-code-actions-at-point) nil))
          :title #'lsp:code-action-title
          :kind #'lsp:code-action-kind?
          :preferred #'lsp:code-action-is-preferred?
          ;; What `M-x lsp-execute-code-action' does with the action picked.
          :apply #'lsp-execute-code-action))))

;;; emacs-lsp-mode.el ends here
