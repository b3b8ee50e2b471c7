; Uniform consensus under receive omission: every process that decides, faulty ones included, agrees; 1 round(s). A faulty receiver that misses everything cannot learn the others' values.
(set-info :processes 3)
(set-info :faulty 1)
(set-info :faults receive-omission)
(set-info :losses 0)
(set-info :rounds 1)
(set-info :inputs 2)
(set-info :decisions 2)
(set-info :states 2)
(set-info :round-aware false)
(set-info :expect unrealizable)

(define-fun uniform-agreement () Bool
  (forall ((i Proc) (j Proc))
    (=> (and (decided i) (decided j)) (= (decision i) (decision j)))))
(define-fun uniform-validity () Bool
  (forall ((v Int))
    (=> (forall ((i Proc)) (= (input i) v))
        (forall ((i Proc)) (=> (decided i) (= (decision i) v))))))
(assert uniform-agreement)
(assert uniform-validity)
